#pragma once
// "Make this route handler sync" for a blocking call (LW101-LW109) in a FastAPI/Starlette HTTP
// route handler: `async def` -> `def`, so that the framework runs the handler in its thread
// pool. Only when the handler's own body has no `await`, `async for`, `async with` or
// `yield`, calls nothing of asyncio/anyio (which may need the running loop), and no code of
// the file awaits the handler. Unsafe (the handler now runs in a worker thread); isolated to
// the handler, so that no other fix adds an `await` to it in the same pass.
#include <optional>

#include "analysis/diagnostics/diagnostic.h"
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

// `where` is the context of the blocking call; its enclosing function is the candidate.
std::optional<Fix> make_handler_sync_fix(const RuleContext& ctx, const semantic::Context& where);

}  // namespace lw::analysis

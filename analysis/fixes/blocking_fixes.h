#pragma once
// The fixes of a blocking call in async context (LW101-LW109, RULES.md "Each LW1xx
// diagnostic offers"), preferred first:
//  1. LW102: `time.sleep(x)` -> `await asyncio.sleep(x)` (safe; no wrap is offered then);
//  2. wrap in `run_in_threadpool` (a FastAPI/Starlette module) and/or `asyncio.to_thread`;
//  3. make the enclosing route handler sync;
//  4. notes without edits (display-only): LW101 requests/httpx -> `httpx.AsyncClient`,
//     LW103 `open` -> aiofiles / anyio, `Path` I/O -> `anyio.Path`, LW104 ->
//     `asyncio.create_subprocess_exec` / `_shell`.
#include <string_view>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

// `target` is what the call resolves to: a qualified name ("requests.get") or a receiver
// type and method ("requests.Session.get"); empty for a call of the user's own code (LW109).
std::vector<Fix> blocking_call_fixes(const RuleContext& ctx, const semantic::Site& call,
                                     RuleId rule, std::string_view target);

}  // namespace lw::analysis

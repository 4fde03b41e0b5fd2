#pragma once
// LW503 pointless-timeout (information): `async with asyncio.timeout(...)` / `timeout_at(...)`
// (also `async_timeout.timeout`, and anyio's `with fail_after/fail_at/move_on_after/
// move_on_at(...)`) whose body has no await point: no `await`, `async for`, `async with`,
// async comprehension or `yield` (nested defs, lambdas and classes do not count; a later
// `async with` item of the same statement does, its `__aenter__` runs inside the timeout).
// Cancellation is only delivered at an await point, so the timeout can never fire: either
// it is dead code or the awaits it was meant to bound live outside it.
//
// Fix (unsafe: the block may have been meant to grow): "remove the timeout block" dedents
// the body into the place of the statement, keeping comments. Offered only when the timeout
// is the statement's only item and has no `as` target.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_pointless_timeout(const RuleContext& ctx, const semantic::Site& site,
                             DiagnosticSink& out);

}  // namespace lw::analysis

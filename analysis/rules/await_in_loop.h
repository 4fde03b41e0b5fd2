#pragma once
// LW302 await-in-loop: a `for` loop in async context whose body awaits a call that uses the
// loop variable (or a value computed from it) while the iterations do not depend on each
// other: suggest `asyncio.gather` / `TaskGroup`, bounded by a `Semaphore` for large inputs.
// Not reported when an iteration reads a variable the previous one assigned (accumulators
// `total += x` aside), when the body can leave the loop (`break`, `return`, `yield`), when it
// sleeps (throttling), gathers (batching), enters an `async with` or runs an `async for`, or
// when an awaited call shares a receiver or argument that runs one operation at a time
// (a session, connection, WebSocket, or a receiver of unknown type), or is named like a write
// (`apply_migration`, `send`, `save`: their order is usually the point). Not for `async for`.
// Reported on the first such awaited call.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_await_in_loop(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out);

}  // namespace lw::analysis

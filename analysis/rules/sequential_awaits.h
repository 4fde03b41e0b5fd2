#pragma once
// LW301 sequential-awaits: two or more consecutive statements of one block, each binding the
// result of one awaited call to a name (`a = await f(x)`), where no later call reads a name an
// earlier one binds and no two calls share a stateful receiver or argument (one AsyncSession,
// connection, cursor or WebSocket runs one operation at a time; a receiver of unknown type
// used twice counts as stateful). A bare `await f()` ends the run (its side effect may be
// ordered); sleeps and awaits of `asyncio.gather` / `asyncio.wait` (already concurrent) never
// count. A call named like a write (`create_*`, `save`, `send_*`, `client.post`, ...) only
// starts a run: sequentially it runs only when the awaits before it succeeded. Reported on the
// first statement, the range spanning the run, with the unsafe fix "Convert to `asyncio.gather`".
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

// Subscribed to function definitions: scans every block of an `async def`.
void check_sequential_awaits(const RuleContext& ctx, const semantic::Site& site,
                             DiagnosticSink& out);

}  // namespace lw::analysis

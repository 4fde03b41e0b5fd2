#pragma once
// LW305 busy-wait: a `while cond:` loop in async context whose body only sleeps
// (`await asyncio.sleep(...)`, `anyio.sleep`, `trio.sleep`) between checks of an in-process
// condition: it wakes up for nothing, and reacts late. Suggest an `asyncio.Event` /
// `Condition`. The body may also count attempts, check a deadline, log, and leave the loop
// (`if ...: break/return/raise`); `while True:` counts only with such a conditional exit.
// Not reported when the loop does other work (another await, a call that is not a cheap state
// check: a periodic task), or when the condition itself awaits or calls out (polling an
// external service or file, which no Event can signal).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_busy_wait(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out);

}  // namespace lw::analysis

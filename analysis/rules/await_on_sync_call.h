#pragma once
// LW210 await-on-sync-call: `await` applied to the call of a known synchronous function, in
// async context. The call runs (and blocks the event loop) first; then `await` raises
// TypeError because its result is not awaitable. Reported at the `await`, once: the LW1xx /
// LW109 rules do not report a call that is awaited directly (blocking_call.cpp,
// transitive_blocking.cpp), so this diagnostic replaces theirs.
//
// Known synchronous:
//  - every entry of the blocking-call table (blocking_calls.inc, LW101-LW107:
//    `requests.get`, `httpx.get`, `time.sleep`, builtin `open`, `Session.execute` on a sync
//    SQLAlchemy session, ...); not `extend-blocking-calls` (LW108), whose entries say only
//    that a call blocks;
//  - a plain `def` called by its name that returns a non-awaitable (rules/sync_result.h):
//    a function of the file, or a module-level function of another module of the workspace
//    or of an installed library, known through its module summary
//    (`FunctionSummary::never_awaitable`; `from app.audit import record`, `audit.record()`,
//    re-exports followed). The finding's related location is the other module's `def`.
// Not reported: methods, classes, a `def` whose name has other bindings, and what
// sync_result.h leaves unknown (decorated functions, generators, other annotations, other
// returned expressions, stub bodies).
//
// Fix: the async equivalent taking the same arguments where there is one
// (`await time.sleep(1)` -> `await asyncio.sleep(1)`, safe); otherwise a note with the
// catalog's suggestion, and, for a function of the file, "Remove `await`" (unsafe: the
// TypeError goes away, the blocking stays).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_await_on_sync_call(const RuleContext& ctx, const semantic::Site& site,
                              DiagnosticSink& out);

}  // namespace lw::analysis

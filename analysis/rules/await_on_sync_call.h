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
//  - a plain `def` of the file, called by its name, that returns a non-awaitable: its return
//    annotation is one (`-> None`, `-> int`, `-> dict[str, Any]`, `Optional[str]`, `X | None`
//    over builtins and `typing` containers), or, without one, every `return` of its own body
//    returns nothing or a literal / display (`return {"ok": True}`) and it has at least one
//    statement that is not a stub.
// Not reported (the function may well return an awaitable): decorated functions (a decorator
// such as `sync_to_async` makes an awaitable), generators, methods, classes, a `def` whose
// name has other bindings, any other annotation (`Awaitable`, `Future`, a class of the
// workspace, a string), any other returned expression (a call, a name), stub bodies.
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

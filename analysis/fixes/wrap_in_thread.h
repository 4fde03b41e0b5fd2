#pragma once
// "Wrap in `run_in_threadpool`" / "Wrap in `asyncio.to_thread`" for a blocking call in async
// context (LW101-LW109): `client.get(url, timeout=5)` -> `await run_in_threadpool(client.get,
// url, timeout=5)`. The callee and the arguments are kept as written (keywords, `*args`,
// `**kwargs`, comments); parenthesised where the call is the object of `.attr`, `[...]` or a
// call (`(await asyncio.to_thread(requests.get, u)).json()`); the import is added once.
// A call whose result gets more method calls moves with them, in a lambda:
// `db.query(X).all()` -> `await run_in_threadpool(lambda: db.query(X).all())` (`.all()` runs
// the SQL); not offered when that lambda would change the meaning (an `await`, `yield` or
// walrus inside) nor for a `with` item's context manager (`with open(p) as f:`: the reads in
// the block would stay on the event loop).
// Unsafe: the arguments are still evaluated on the event loop and the callee then runs in a
// worker thread, where thread-affine objects (a sync DB session, a lock) may misbehave.
#include <optional>

#include "analysis/diagnostics/diagnostic.h"
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

enum class ThreadRunner : std::uint8_t {
  RunInThreadpool,  // starlette.concurrency / fastapi.concurrency
  ToThread,         // asyncio.to_thread
};

// True when the file imports fastapi or starlette: `run_in_threadpool` is the natural runner.
bool prefers_run_in_threadpool(const semantic::SemanticModel& model);

// Nothing when the call cannot take an `await` where it is (see await_position.h), has syntax
// errors, or the runner's name cannot be bound.
std::optional<Fix> wrap_in_thread_fix(const RuleContext& ctx, const semantic::Site& call,
                                      ThreadRunner runner);

}  // namespace lw::analysis

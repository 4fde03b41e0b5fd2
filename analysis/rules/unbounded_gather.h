#pragma once
// LW304 unbounded-gather: `asyncio.gather(*[coro(x) for x in xs])`, `gather(*(... for ...))`
// or `gather(*tasks)` with `tasks` a list built from an input of unknown size (a
// comprehension, or `tasks = []` filled by `append` in a `for` loop) starts every coroutine at
// once: thousands of sockets or queries for a large input. Reported on the `gather` call when
// the started coroutine is known to have no bound: an `async def` of the file (or a method of
// the same class via `self.m(...)`) that acquires no `Semaphore` (an `async with S` on a name
// or attribute, `await S.acquire()`), or a method of an HTTP client. Not reported for inputs of
// known size (literals, `range(<literal>)`, slices: batching), nor inside a loop (batching),
// nor when the coroutine is an unknown function whose body we cannot see.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_unbounded_gather(const RuleContext& ctx, const semantic::Site& site,
                            DiagnosticSink& out);

}  // namespace lw::analysis

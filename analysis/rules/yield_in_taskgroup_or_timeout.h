#pragma once
// LW502 yield-in-taskgroup-or-timeout: a `yield` inside `async with asyncio.TaskGroup()` /
// `asyncio.timeout()` / `timeout_at()` (or anyio `create_task_group()`, `fail_after()`,
// `move_on_after()`, `CancelScope()`, ...; see cancel_scopes.h) in an async generator. While
// the generator is suspended at the `yield`, the consumer's code runs "inside" the scope: a
// timeout or a failing child task cancels whatever the consumer happens to be awaiting, and
// an abandoned generator exits the scope from another task (RuntimeError).
//
// Exclusions: generators decorated with `@asynccontextmanager` (contextlib, any import
// spelling, or any decorator of that name) or `@pytest.fixture` / `@pytest_asyncio.fixture`,
// and generators passed to `asynccontextmanager(f)` or as `lifespan=f` (Starlette wraps a
// lifespan generator into an async context manager): there the `yield` hands control to a
// `with` body that runs in the same task, which is the point.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_yield_in_taskgroup_or_timeout(const RuleContext& ctx, const semantic::Site& site,
                                         DiagnosticSink& out);

}  // namespace lw::analysis

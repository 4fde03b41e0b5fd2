#pragma once
// LW501 cancellation-swallowed: in async context, a handler that catches cancellation
// (`except asyncio.CancelledError` in any import spelling, also inside a tuple or `except*`;
// `except BaseException`; a bare `except:`) and has a path that does not re-raise it: falls off
// the end, `return`s, `break`s / `continue`s out, or raises a different exception. Once the
// CancelledError is swallowed, `Task.cancel()`, timeouts and TaskGroup/shutdown cancellation
// silently stop working for that task.
//
// The handler body's control flow is analysed (if/elif/else, loops, nested try/except/else/
// finally, with, match): every path must end in a bare `raise` or `raise <bound name>`.
// Exclusions: `except Exception` (CancelledError is a BaseException since Python 3.8); try
// bodies without an await point (`await`, `async for`, `async with`), which cannot raise the
// task's cancellation; handlers that consult `asyncio.current_task().cancelling()` before a
// conditional `raise` (the documented way to tell the task's own cancellation apart);
// handlers that hand the exception object on (store it, `fut.set_exception(...)`, return it):
// a capture for someone else to re-raise, not a swallow.
// `isinstance(exc, ...)` / `type(exc) is ...` tests of the bound name decide which branches a
// CancelledError takes (`if isinstance(exc, Exception): return` does not swallow it).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_cancellation_swallowed(const RuleContext& ctx, const semantic::Site& site,
                                  DiagnosticSink& out);

}  // namespace lw::analysis

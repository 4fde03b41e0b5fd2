#pragma once
// LW403 cpu-work-in-threadpool: `run_in_threadpool(f, ...)`, `asyncio.to_thread(f, ...)`,
// `anyio.to_thread.run_sync(f, ...)` or `loop.run_in_executor(None, f, ...)` where `f` is an
// undecorated plain `def` of the file whose body is pure Python computation: loops or
// comprehensions over arithmetic, assignments and returns, calling only pure builtins
// (`range`, `len`, `sum`, `min`, `max`, `abs`, `int`, `float`, `str`, `sorted`, `enumerate`,
// `zip`, ...), `math` functions and container methods of its own local lists/dicts/sets.
// A thread does not run Python bytecode in parallel (the GIL), so the work still competes
// with the event loop: suggest a `ProcessPoolExecutor`. Not for `run_in_executor` with an
// explicit executor, nor for functions that call anything else (C extensions like numpy
// release the GIL; I/O belongs in a thread).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_cpu_work_in_threadpool(const RuleContext& ctx, const semantic::Site& site,
                                  DiagnosticSink& out);

}  // namespace lw::analysis

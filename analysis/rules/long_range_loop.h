#pragma once
// LW107 cpu-bound-in-async, the loop form: in async context, a `for` loop or a comprehension
// whose iterable is `range(...)` with literal bounds of at least 100,000 iterations
// (`range(10_000_000)`, `range(10**6)`, `range(1000 * 1000)`, `range(1, 200_001)`) and whose
// body is pure-Python computation (purity.h: no await, no I/O, no unknown call) that cannot
// leave early (no `break` of that loop, no `return`/`raise`). It holds the event loop for as
// long as it runs; a thread would not help (the GIL): suggest a `ProcessPoolExecutor`, as LW403
// does. A generator expression counts only when a builtin that exhausts it consumes it
// (`sum(x * x for x in range(10**7))`); `any`/`all` may stop early and do not count.
// Reported on the `range(...)` call. No fix: the loop has to move into a function first.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_long_range_loop(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out);

}  // namespace lw::analysis

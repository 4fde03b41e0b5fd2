#pragma once
// LW505 yield-in-context-manager-in-async-generator: a `yield` inside the body of any `with` /
// `async with` block of an async generator (flake8-async ASYNC119). While the generator is
// suspended at the `yield`, the block stays open; its cleanup (closing the file, releasing the
// connection or the lock, committing) runs only when the consumer resumes the generator to the
// end or closes it, which a consumer that stops early, raises or is cancelled may never do
// (asyncio finalises an abandoned async generator later, from the event loop's hook, if at all).
//
// Same exemptions as LW502 (async_generators.h): generators used as context managers or
// fixtures. A `yield` whose blocks enter a task group, a timeout or a cancel scope is LW502's
// (one diagnostic per `yield`, the more specific one), whether or not LW502 is enabled: the
// selection never moves a finding from one code to another.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_yield_in_context_manager(const RuleContext& ctx, const semantic::Site& site,
                                    DiagnosticSink& out);

}  // namespace lw::analysis

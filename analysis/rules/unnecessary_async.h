#pragma once
// LW208 unnecessary-async: an `async def` whose own body never awaits (see
// unnecessary_async.cpp). A finalizer: it runs after every site rule, because a function
// that already has another finding (a missing `await`, a blocking call) is not reported.
#include <vector>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void finalize_unnecessary_async(const RuleContext& ctx,
                                const std::vector<DiagnosticSink::Finding>& findings,
                                DiagnosticSink& out);

}  // namespace lw::analysis

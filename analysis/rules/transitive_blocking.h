#pragma once
// LW109 transitively-blocking-call: in async context, a call to a *sync* function of the
// user's own code (this file or another module of the workspace) that blocks, directly or
// through further sync calls. The message names the chain (`load_config() -> read_settings()
// -> open()`); related locations point at each hop. A call that is itself a known blocking
// call is LW101-LW108's business, not this rule's.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_transitive_blocking(const RuleContext& ctx, const semantic::Site& site,
                               DiagnosticSink& out);

}  // namespace lw::analysis

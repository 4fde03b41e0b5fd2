#pragma once
// LW201 coroutine-not-awaited: a call to a coroutine function whose coroutine is never
// awaited (see coroutine_not_awaited.cpp).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_coroutine_not_awaited(const RuleContext& ctx, const semantic::Site& site,
                                 DiagnosticSink& out);

}  // namespace lw::analysis

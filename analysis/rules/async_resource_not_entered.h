#pragma once
// LW204 async-resource-not-entered: an async client/connection created and never entered, closed or
// awaited (see async_resource_not_entered.cpp).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_async_resource_not_entered(const RuleContext& ctx, const semantic::Site& site,
                                      DiagnosticSink& out);

}  // namespace lw::analysis

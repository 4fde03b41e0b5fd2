#pragma once
// LW203 sync-with-on-async-context-manager: plain `with` on an async context manager, or `for` over
// an async iterator (see sync_with_on_async_context_manager.cpp).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_sync_with_on_async_context_manager(const RuleContext& ctx, const semantic::Site& site,
                                              DiagnosticSink& out);

}  // namespace lw::analysis

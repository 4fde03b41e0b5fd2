#pragma once
// LW209 async-with-on-sync-context-manager: `async with` on a plain context manager, or `async for`
// over a plain iterable (see async_with_on_sync_context_manager.cpp).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_async_with_on_sync_context_manager(const RuleContext& ctx, const semantic::Site& site,
                                              DiagnosticSink& out);

}  // namespace lw::analysis

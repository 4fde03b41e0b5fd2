#pragma once
// LW205 get-event-loop-in-coroutine: `asyncio.get_event_loop()` in async context (see
// get_event_loop_in_coroutine.cpp).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_get_event_loop_in_coroutine(const RuleContext& ctx, const semantic::Site& site,
                                       DiagnosticSink& out);

}  // namespace lw::analysis

#pragma once
// LW206 nested-event-loop: `asyncio.run` / `loop.run_until_complete` / `loop.run_forever` in async
// context (see nested_event_loop.cpp).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_nested_event_loop(const RuleContext& ctx, const semantic::Site& site,
                             DiagnosticSink& out);

}  // namespace lw::analysis

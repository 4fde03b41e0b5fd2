#pragma once
// LW202 dangling-task: the task returned by `asyncio.create_task` / `ensure_future` /
// `loop.create_task` is discarded (see dangling_task.cpp).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_dangling_task(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out);

}  // namespace lw::analysis

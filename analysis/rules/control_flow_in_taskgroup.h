#pragma once
// LW504 control-flow-in-taskgroup: a `return` inside the body of `async with
// asyncio.TaskGroup()` (or anyio `create_task_group()`), or a `break` / `continue` whose loop
// encloses that block. It reads like "leave now", but leaving the block still waits for every
// child task to finish (and a value computed from unfinished tasks is returned late or not at
// all); cancel the remaining tasks explicitly, or move the jump after the block.
//
// Not reported: a `break` / `continue` of a loop that is itself inside the group (it stays in
// the group), jumps in nested defs/lambdas/classes, `return` in a sync `with`.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_control_flow_in_taskgroup(const RuleContext& ctx, const semantic::Site& site,
                                     DiagnosticSink& out);

}  // namespace lw::analysis

#pragma once
// What a function's body says about itself without running it: whether a statement or the
// whole body is a stub (`pass`, `...`, a docstring, a comment, `raise NotImplementedError`).
// LW208 (unnecessary_async), LW210 (await_on_sync_call) and the index's `never_suspends`
// (usage.h) treat a stub as "what an implementation does is unknown".
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

bool is_stub_statement(const RuleContext& ctx, TSNode stmt);

// Every statement of the def's body is a stub.
bool is_stub_body(const RuleContext& ctx, TSNode def);

}  // namespace lw::analysis

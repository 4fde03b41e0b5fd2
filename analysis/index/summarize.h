#pragma once
// Builds a module's summary (summary.h) from its semantic model.
#include <string>

#include "analysis/index/summary.h"
#include "analysis/rules/rule_context.h"

namespace lw::analysis::index {

ModuleSummary summarize_module(const RuleContext& ctx, const ModuleIdentity& id);

// The absolute qualified name a call site targets, for following it through the index:
// an imported function (`helpers.load_config`), a function of this module (`read_settings`)
// or a method of the enclosing class (`self.load`). Empty when unknown.
std::string call_target(const RuleContext& ctx, const semantic::Site& call,
                        const ModuleIdentity& id);

}  // namespace lw::analysis::index

#pragma once
// The type facts of a module's summary (summary.h): what a call of each function returns,
// module-level variables, classes with their bases and attribute types, and the attributes
// assigned on framework state objects. Computed from this file alone (the reader resolves
// what names other modules through its own index): a canonical type where the file knows it,
// else a TypeRef naming what to resolve.
#include "analysis/index/summary.h"
#include "analysis/rules/rule_context.h"

namespace lw::analysis::index {

// The type of the value of `expr` as a TypeRef ("" when unknown).
TypeRef value_ref(const RuleContext& ctx, const ModuleIdentity& id, TSNode expr,
                  semantic::ScopeId scope);

// What calling the function `def` gives, as a TypeRef ("" when unknown).
TypeRef result_ref(const RuleContext& ctx, const ModuleIdentity& id, TSNode def);

// Fills `out.variables`, `out.classes`, `out.state` and `out.origins`.
void summarize_types(const RuleContext& ctx, const ModuleIdentity& id, ModuleSummary& out);

}  // namespace lw::analysis::index

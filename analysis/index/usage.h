#pragma once
// How a module's functions are used, for the concurrency rules across the workspace:
//  - LW302: an `async def` that never suspends (no await point, no yield, not a stub):
//    awaiting it in a loop runs each call to the end at once, so `gather` changes nothing;
//  - LW208: the functions a module uses as values (`Depends(get_redis)`,
//    `add_exception_handler(E, handler)`, `router.add_api_route(p, f)`, `app.router.add_get(p,
//    f)`, an argument, an assignment, `monkeypatch.setattr(Service, "fetch", fake)` also names
//    `Service.fetch`) and the base-class methods its classes override. Such a coroutine
//    function is handed to code that awaits it: it must stay `async`.
// The facts go into the module summary (summary.h: `FunctionSummary::never_suspends`,
// `ModuleSummary::value_uses`); the queries read the workspace index.
#include <string>
#include <string_view>
#include <unordered_set>

#include "analysis/index/summary.h"
#include "analysis/rules/rule_context.h"

namespace lw::analysis::index {

// Fills `never_suspends` of the module's functions and `value_uses` (summarize_module).
void summarize_usage(const RuleContext& ctx, const ModuleIdentity& id, ModuleSummary& out);

// The own body of the def/lambda scope `function` has no await point and no yield and is not
// a stub (`...`, `pass`, a docstring, `raise NotImplementedError`).
bool never_suspends(const RuleContext& ctx, semantic::ScopeId function);
// `call` goes to an `async def` of another module of the workspace that never suspends.
bool workspace_never_suspends(const RuleContext& ctx, TSNode call, semantic::ScopeId scope);

// The qualified name the index gives a def of this file ("pkg.mod.f", "pkg.mod.Cls.m"), or ""
// for nested functions and files without a module name.
std::string qualified_name_of(const RuleContext& ctx, TSNode def);

// Every value use the workspace's modules record, with the functions they resolve to through
// re-exports. Reads every module of the index (the lookup observer sees
// WorkspaceIndex::kEveryModule): call it only when the answer matters.
std::unordered_set<std::string> workspace_value_uses(const RuleContext& ctx);

}  // namespace lw::analysis::index

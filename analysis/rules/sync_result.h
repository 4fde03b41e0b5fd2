#pragma once
// Whether calling a plain `def` can ever give an awaitable (LW210, in the file and, through
// the module summaries' `FunctionSummary::never_awaitable`, across the workspace).
//
// Never, when its return annotation is a non-awaitable (`-> None`, `-> int`,
// `-> dict[str, Any]`, `Optional[str]`, `X | None` over builtins and `typing` containers), or,
// without one, every `return` of its own body returns nothing or a literal / display
// (`return {"ok": True}`) and it has a statement that is not a stub or a `raise`.
// Unknown (nullopt): `async def`s, decorated functions (a decorator such as `sync_to_async`
// makes an awaitable), generators, any other annotation (`Awaitable`, `Future`, a class, a
// string), any other returned expression (a call, a name), stub bodies.
#include <optional>
#include <string>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

// Why `def` never returns an awaitable: "is annotated `-> int`", "returns nothing",
// "returns only literals". `scope` is the scope the def is bound in (its annotation's names
// resolve there).
std::optional<std::string> never_awaitable_result(const RuleContext& ctx, TSNode def,
                                                  semantic::ScopeId scope);

}  // namespace lw::analysis

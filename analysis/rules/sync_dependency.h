#pragma once
// LW402 sync-dependency-blocks-async-route: an `async def` route handler declares a parameter
// `x = Depends(dep)` / `x: Annotated[T, Depends(dep)]` (directly or through a module-level
// `Alias = Annotated[T, Depends(dep)]`) where `dep` is a plain `def` of the file that opens a
// blocking resource (a sync SQLAlchemy `Session`, a sync driver connection or cursor, a sync
// Redis or Mongo client; directly or through its own sync `Depends`), and the handler uses `x`
// on the event loop (not only inside a nested def/lambda or as an argument handed to
// `run_in_threadpool` / `to_thread`). Reported at the handler's name, with the dependency in
// relatedInformation.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

// A sync SQLAlchemy `Session`, a sync driver connection or cursor, a sync Redis/Mongo client.
bool is_blocking_resource(std::string_view type);

// The blocking resource the sync function `def` of this file opens (a call in its body, or
// one of its own sync `Depends` providers of this file), if any.
std::optional<std::string> opened_resource(const RuleContext& ctx, TSNode def);

// The `Depends(...)` / `Security(...)` providers of `def`'s parameters, as the expressions
// written (`get_db`, `deps.get_db`).
std::vector<TSNode> dependency_providers(const RuleContext& ctx, TSNode def,
                                         semantic::ScopeId outer);

void check_sync_dependency(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out);

}  // namespace lw::analysis

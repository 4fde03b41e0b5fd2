#pragma once
// Which expressions are async-only or sync-only context managers and iterables
// (async_resources.inc), for LW203, LW204 and LW209. Each query returns a short description
// of what was recognised, for messages ("`httpx.AsyncClient()`", "`lock` (an `asyncio.Lock`)"),
// or nothing when the expression is not known to be one.
#include <optional>
#include <string>
#include <string_view>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

std::optional<std::string> async_context_manager(const RuleContext& ctx, TSNode expr,
                                                 semantic::ScopeId scope);
std::optional<std::string> async_iterable(const RuleContext& ctx, TSNode expr,
                                          semantic::ScopeId scope);
std::optional<std::string> sync_context_manager(const RuleContext& ctx, TSNode expr,
                                                semantic::ScopeId scope);
std::optional<std::string> sync_iterable(const RuleContext& ctx, TSNode expr,
                                         semantic::ScopeId scope);

struct AsyncResource {
  std::string_view constructor;  // "httpx.AsyncClient"
  std::string_view close;        // "aclose"
  bool awaitable = false;        // `x = await constructor(...)` opens it
};
// The LW204 resource a call constructs (by the callee's qualified name), if any.
const AsyncResource* async_resource(const RuleContext& ctx, TSNode call, semantic::ScopeId scope);

// Source text of `node` for a message: itself when short and on one line, else "`f(...)`".
std::string short_text(const RuleContext& ctx, TSNode node);

}  // namespace lw::analysis

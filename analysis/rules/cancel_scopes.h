#pragma once
// Shared by the LW5xx rules: the structured-concurrency APIs a `with` item can enter, and the
// "does this code reach a checkpoint" question.
//
// Recognised (by qualified name, through the file's imports):
//   task groups    asyncio.TaskGroup(), anyio.create_task_group()            (`async with`)
//   timeouts       asyncio.timeout/timeout_at(), async_timeout.timeout/timeout_at()
//                                                                             (`async with`)
//                  anyio.fail_after/fail_at/move_on_after/move_on_at()       (`with`)
//   cancel scopes  anyio.CancelScope()                                        (`with`)
// An item entered with the other kind of `with` is not matched (that misuse is LW203/LW209).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "analysis/rules/rule_context.h"

namespace lw::analysis::cancel_scopes {

enum class ScopeApiKind : std::uint8_t { TaskGroup, Timeout, CancelScope };

struct ScopeApi {
  ScopeApiKind kind;
  std::string_view name;  // qualified name, for messages: "asyncio.TaskGroup"
};

// The with_item children of a with_statement, in order.
std::vector<TSNode> with_items(TSNode with_statement);

// The expression a with_item enters, without `as target` and redundant parentheses.
TSNode with_item_expression(TSNode with_item);

// The API `with_item` (a child of `with_statement`) enters, if it is one of the above.
std::optional<ScopeApi> scope_api_of_item(const RuleContext& ctx, TSNode with_statement,
                                          TSNode with_item, semantic::ScopeId scope);

// The first item of `with_statement` that enters an API of kind `kind`, if any.
std::optional<ScopeApi> find_scope_api(const RuleContext& ctx, TSNode with_statement,
                                       semantic::ScopeId scope, ScopeApiKind kind);

// True when `node` (or a descendant running in the same function: not the body of a nested
// def, lambda or class) is an `await`, `async for`, `async with` or async comprehension, or,
// when `yield_counts`, a `yield`.
bool contains_checkpoint(TSNode node, bool yield_counts);

// True for the nodes that start a new function body: def, lambda, class.
bool is_scope_boundary(TSNode node);

}  // namespace lw::analysis::cancel_scopes

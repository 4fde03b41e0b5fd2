#include "analysis/rules/cancel_scopes.h"

#include <array>

namespace lw::analysis::cancel_scopes {
namespace {

using syntax::Kind;

struct Known {
  std::string_view qualified;
  ScopeApiKind kind;
  bool async_cm;  // entered with `async with` (true) or `with` (false)
};

constexpr std::array<Known, 14> kKnown = {{
    {"asyncio.TaskGroup", ScopeApiKind::TaskGroup, true},
    {"asyncio.taskgroups.TaskGroup", ScopeApiKind::TaskGroup, true},
    {"anyio.create_task_group", ScopeApiKind::TaskGroup, true},
    {"asyncio.timeout", ScopeApiKind::Timeout, true},
    {"asyncio.timeout_at", ScopeApiKind::Timeout, true},
    {"asyncio.timeouts.timeout", ScopeApiKind::Timeout, true},
    {"asyncio.timeouts.timeout_at", ScopeApiKind::Timeout, true},
    {"async_timeout.timeout", ScopeApiKind::Timeout, true},
    {"async_timeout.timeout_at", ScopeApiKind::Timeout, true},
    {"anyio.fail_after", ScopeApiKind::Timeout, false},
    {"anyio.fail_at", ScopeApiKind::Timeout, false},
    {"anyio.move_on_after", ScopeApiKind::Timeout, false},
    {"anyio.move_on_at", ScopeApiKind::Timeout, false},
    {"anyio.CancelScope", ScopeApiKind::CancelScope, false},
}};

// `(x)` -> x, ignoring comments inside the parentheses.
TSNode unparenthesize(TSNode node) {
  for (int guard = 0; guard < 64 && syntax::kind(node) == Kind::ParenthesizedExpression; ++guard) {
    TSNode inner{};
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(node, i);
      if (syntax::kind(c) == Kind::Comment) continue;
      if (!ts_node_is_null(inner)) return node;  // not a plain parenthesized expression
      inner = c;
    }
    if (ts_node_is_null(inner)) return node;
    node = inner;
  }
  return node;
}

}  // namespace

bool is_scope_boundary(TSNode node) {
  Kind k = syntax::kind(node);
  return k == Kind::FunctionDefinition || k == Kind::Lambda || k == Kind::ClassDefinition;
}

std::vector<TSNode> with_items(TSNode with_statement) {
  std::vector<TSNode> out;
  std::uint32_t n = ts_node_named_child_count(with_statement);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_named_child(with_statement, i);
    if (syntax::kind(c) != Kind::WithClause) continue;
    std::uint32_t m = ts_node_named_child_count(c);
    for (std::uint32_t j = 0; j < m; ++j) {
      TSNode item = ts_node_named_child(c, j);
      if (syntax::kind(item) == Kind::WithItem) out.push_back(item);
    }
  }
  return out;
}

TSNode with_item_expression(TSNode with_item) {
  TSNode value = unparenthesize(syntax::field(with_item, syntax::fields().value));
  if (syntax::kind(value) == Kind::AsPattern) value = unparenthesize(ts_node_named_child(value, 0));
  return value;
}

std::optional<ScopeApi> scope_api_of_item(const RuleContext& ctx, TSNode with_statement,
                                          TSNode with_item, semantic::ScopeId scope) {
  TSNode expr = with_item_expression(with_item);
  if (syntax::kind(expr) != Kind::Call) return std::nullopt;
  auto qn = ctx.model.qualified_name(syntax::field(expr, syntax::fields().function), scope);
  if (!qn) return std::nullopt;
  bool async_with = syntax::is_async(with_statement);
  for (const auto& k : kKnown) {
    if (k.qualified == *qn && k.async_cm == async_with) return ScopeApi{k.kind, k.qualified};
  }
  return std::nullopt;
}

std::optional<ScopeApi> find_scope_api(const RuleContext& ctx, TSNode with_statement,
                                       semantic::ScopeId scope, ScopeApiKind kind) {
  for (TSNode item : with_items(with_statement)) {
    auto api = scope_api_of_item(ctx, with_statement, item, scope);
    if (api && api->kind == kind) return api;
  }
  return std::nullopt;
}

bool contains_checkpoint(TSNode node, bool yield_counts) {
  if (ts_node_is_null(node)) return false;
  const auto& f = syntax::fields();
  std::vector<TSNode> stack{node};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    Kind k = syntax::kind(n);
    switch (k) {
      case Kind::Await:
        return true;
      case Kind::Yield:
        if (yield_counts) return true;
        break;
      case Kind::ForStatement:
      case Kind::WithStatement:
      case Kind::ForInClause:
        if (syntax::is_async(n)) return true;
        break;
      default:
        break;
    }
    std::uint32_t count = ts_node_named_child_count(n);
    for (std::uint32_t i = count; i-- > 0;) {
      TSNode c = ts_node_named_child(n, i);
      // The body of a nested def/lambda/class runs elsewhere; its defaults, decorators and
      // base classes run here.
      if (is_scope_boundary(n) && ts_node_eq(c, syntax::field(n, f.body))) continue;
      stack.push_back(c);
    }
  }
  return false;
}

}  // namespace lw::analysis::cancel_scopes

#include "analysis/rules/async_generators.h"

#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

// The last name of a dotted expression: `contextlib.asynccontextmanager` -> asynccontextmanager.
std::string_view last_name(const RuleContext& ctx, TSNode expr) {
  if (syntax::kind(expr) == Kind::Call) expr = syntax::field(expr, syntax::fields().function);
  if (syntax::kind(expr) == Kind::Attribute) {
    return ctx.text(syntax::field(expr, syntax::fields().attribute));
  }
  if (syntax::kind(expr) == Kind::Identifier) return ctx.text(expr);
  return {};
}

bool is_context_manager_decorator(const RuleContext& ctx, TSNode decorator,
                                  semantic::ScopeId scope) {
  TSNode expr{};
  std::uint32_t n = ts_node_named_child_count(decorator);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_named_child(decorator, i);
    if (syntax::kind(c) != Kind::Comment) {
      expr = c;
      break;
    }
  }
  if (ts_node_is_null(expr)) return false;
  TSNode callee =
      syntax::kind(expr) == Kind::Call ? syntax::field(expr, syntax::fields().function) : expr;
  if (auto qn = ctx.model.qualified_name(callee, scope)) {
    if (*qn == "contextlib.asynccontextmanager" || *qn == "pytest.fixture" ||
        *qn == "pytest_asyncio.fixture") {
      return true;
    }
  }
  // Unresolved or re-exported spellings (`from .compat import asynccontextmanager`).
  std::string_view name = last_name(ctx, expr);
  return name == "asynccontextmanager" || name == "fixture";
}

bool is_decorated_as_context_manager(const RuleContext& ctx, TSNode def, semantic::ScopeId outer) {
  TSNode parent = syntax::parent(def);
  if (syntax::kind(parent) != Kind::DecoratedDefinition) return false;
  std::uint32_t n = ts_node_named_child_count(parent);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_named_child(parent, i);
    if (syntax::kind(c) == Kind::Decorator && is_context_manager_decorator(ctx, c, outer)) {
      return true;
    }
  }
  return false;
}

// `name` used in `scope` refers to the function `def` (one of its bindings).
bool refers_to(const RuleContext& ctx, TSNode name, semantic::ScopeId scope, TSNode def) {
  if (syntax::kind(name) != Kind::Identifier) return false;
  for (auto id : ctx.model.lookup(ctx.text(name), scope)) {
    const auto& b = ctx.model.binding(id);
    if (b.kind == semantic::BindingKind::Function && ts_node_eq(b.value, def)) return true;
  }
  return false;
}

// `asynccontextmanager(f)`, `Depends(f)` / `Security(f)` (FastAPI enters yield dependencies
// as context managers) or `FastAPI(lifespan=f)` / `Starlette(lifespan=f)` anywhere in the file.
bool is_wrapped_as_context_manager(const RuleContext& ctx, TSNode def) {
  for (const auto& entered : ctx.framework.entered_as_context_managers()) {
    if (refers_to(ctx, entered.name, entered.scope, def)) return true;
  }
  return false;
}

}  // namespace

bool is_context_manager_generator(const RuleContext& ctx, TSNode def, semantic::ScopeId outer) {
  return is_decorated_as_context_manager(ctx, def, outer) ||
         is_wrapped_as_context_manager(ctx, def);
}

std::vector<TSNode> with_blocks_holding(TSNode yield_node, TSNode def) {
  std::vector<TSNode> blocks;
  TSNode child = yield_node;
  for (TSNode n = syntax::parent(yield_node); !ts_node_is_null(n) && !ts_node_eq(n, def);
       child = n, n = syntax::parent(n)) {
    if (cancel_scopes::is_scope_boundary(n)) return {};  // not the yield's own function
    if (syntax::kind(n) != Kind::WithStatement) continue;
    if (ts_node_eq(child, syntax::field(n, syntax::fields().body))) blocks.push_back(n);
  }
  return blocks;
}

std::optional<cancel_scopes::ScopeApi> scope_api_of_blocks(const RuleContext& ctx,
                                                           const std::vector<TSNode>& blocks,
                                                           semantic::ScopeId scope) {
  for (TSNode block : blocks) {
    for (TSNode item : cancel_scopes::with_items(block)) {
      if (auto api = cancel_scopes::scope_api_of_item(ctx, block, item, scope)) return api;
    }
  }
  return std::nullopt;
}

}  // namespace lw::analysis

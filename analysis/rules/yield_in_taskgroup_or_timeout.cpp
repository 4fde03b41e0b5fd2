#include "analysis/rules/yield_in_taskgroup_or_timeout.h"

#include <string>

#include "analysis/rules/cancel_scopes.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using cancel_scopes::is_scope_boundary;
using cancel_scopes::scope_api_of_item;
using cancel_scopes::ScopeApi;
using cancel_scopes::ScopeApiKind;
using cancel_scopes::with_items;
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
  const auto& f = syntax::fields();
  for (const auto& site : ctx.model.sites()) {
    if (site.kind != Kind::Call) continue;
    std::string_view callee = last_name(ctx, syntax::field(site.node, f.function));
    bool wrapper = callee == "asynccontextmanager" || callee == "Depends" || callee == "Security";
    TSNode args = syntax::field(site.node, f.arguments);
    std::uint32_t n = ts_node_named_child_count(args);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode arg = ts_node_named_child(args, i);
      if (syntax::kind(arg) == Kind::KeywordArgument) {
        std::string_view keyword = ctx.text(syntax::field(arg, f.name));
        if ((keyword == "lifespan" || (wrapper && keyword == "dependency")) &&
            refers_to(ctx, syntax::field(arg, f.value), site.context.scope, def)) {
          return true;
        }
      } else if (wrapper && refers_to(ctx, arg, site.context.scope, def)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

void check_yield_in_taskgroup_or_timeout(const RuleContext& ctx, const semantic::Site& site,
                                         DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW502)) return;
  const auto& scope = ctx.model.scope(site.context.function);
  if (scope.kind != semantic::ScopeKind::Function || !scope.is_async) return;
  TSNode def = scope.node;

  // The innermost enclosing with-statement (between the yield and its function) whose body
  // holds the yield and that enters a task group or a cancel scope.
  std::optional<ScopeApi> api;
  TSNode child = site.node;
  for (TSNode n = syntax::parent(site.node); !ts_node_is_null(n) && !ts_node_eq(n, def);
       child = n, n = syntax::parent(n)) {
    if (is_scope_boundary(n)) return;  // not the yield's own function (cannot happen)
    if (syntax::kind(n) != Kind::WithStatement) continue;
    if (!ts_node_eq(child, syntax::field(n, syntax::fields().body))) continue;
    for (TSNode item : with_items(n)) {
      if ((api = scope_api_of_item(ctx, n, item, site.context.scope))) break;
    }
    if (api) break;
  }
  if (!api) return;
  if (is_decorated_as_context_manager(ctx, def, scope.parent)) return;
  if (is_wrapped_as_context_manager(ctx, def)) return;

  Diagnostic d;
  d.rule = RuleId::LW502;
  d.severity = rule_info(RuleId::LW502).default_severity;
  d.range = range_of(site.node);
  std::string fn(ctx.model.function_name(site.context));
  std::string what = "`" + std::string(api->name) + "()`";
  if (api->kind == ScopeApiKind::TaskGroup) {
    d.message = "`yield` inside " + what + " in async generator `" + fn +
                "`: while the generator is suspended the consumer's code runs inside the task "
                "group, so a failing child task cancels whatever the consumer is awaiting; "
                "collect the results first and yield after the block, or make `" +
                fn + "` an `@asynccontextmanager`";
  } else {
    d.message = "`yield` inside " + what + " in async generator `" + fn +
                "`: while the generator is suspended the consumer's code runs inside the "
                "cancel scope, so the timeout cancels whatever the consumer is awaiting; "
                "yield outside the block, or make `" +
                fn + "` an `@asynccontextmanager`";
  }
  out.report(std::move(d));
}

}  // namespace lw::analysis

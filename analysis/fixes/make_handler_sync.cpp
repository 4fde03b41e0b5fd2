#include "analysis/fixes/make_handler_sync.h"

#include <string>

namespace lw::analysis {
namespace {

using syntax::Kind;

bool starts_with_module(std::string_view qualified, std::string_view module) {
  return qualified.starts_with(module) && qualified.size() > module.size() &&
         qualified[module.size()] == '.';
}

// True when something in the function's own body needs it to stay a coroutine.
bool body_needs_async(const RuleContext& ctx, semantic::ScopeId function) {
  for (const semantic::Site& site : ctx.model.sites_in(ctx.model.scope(function).node)) {
    if (site.context.function != function) continue;
    switch (site.kind) {
      case Kind::Await:
      case Kind::Yield:
        return true;
      case Kind::WithStatement:
      case Kind::ForStatement:
      case Kind::ForInClause:
        if (syntax::is_async(site.node)) return true;
        break;
      case Kind::Call: {
        TSNode callee = syntax::field(site.node, syntax::fields().function);
        auto qn = ctx.model.qualified_name(callee, site.context.scope);
        if (qn && (starts_with_module(*qn, "asyncio") || starts_with_module(*qn, "anyio"))) {
          return true;
        }
        break;
      }
      default:
        break;
    }
  }
  return false;
}

// True when an `await` in the file calls something named like the handler (`await
// handler()`, `await self.handler()`): it is used as a coroutine function.
bool awaited_somewhere(const RuleContext& ctx, std::string_view name) {
  const auto& f = syntax::fields();
  for (const semantic::Site& site : ctx.model.sites()) {
    if (site.kind != Kind::Await) continue;
    TSNode operand = ts_node_named_child(site.node, 0);
    if (syntax::kind(operand) != Kind::Call) continue;
    TSNode callee = syntax::field(operand, f.function);
    if (syntax::kind(callee) == Kind::Attribute) callee = syntax::field(callee, f.attribute);
    if (syntax::kind(callee) == Kind::Identifier && ctx.text(callee) == name) return true;
  }
  return false;
}

}  // namespace

std::optional<Fix> make_handler_sync_fix(const RuleContext& ctx, const semantic::Context& where) {
  semantic::ScopeId function = where.function;
  if (function == semantic::kModuleScope || function >= ctx.model.scope_count()) {
    return std::nullopt;
  }
  const semantic::Scope& scope = ctx.model.scope(function);
  if (scope.kind != semantic::ScopeKind::Function || !scope.is_async) return std::nullopt;
  TSNode def = scope.node;
  if (!ctx.framework.is_route_handler(def) || ctx.framework.is_websocket_handler(def)) {
    return std::nullopt;
  }
  TSNode async_token = ts_node_child(def, 0);
  TSNode def_token = ts_node_child(def, 1);
  if (ts_node_is_null(def_token) || std::string_view(ts_node_type(async_token)) != "async" ||
      std::string_view(ts_node_type(def_token)) != "def") {
    return std::nullopt;
  }
  if (body_needs_async(ctx, function)) return std::nullopt;
  if (awaited_somewhere(ctx, ctx.text(syntax::field(def, syntax::fields().name)))) {
    return std::nullopt;
  }
  Fix fix;
  fix.title = "Make this route handler sync (`async def` -> `def`)";
  fix.applicability = Applicability::Unsafe;
  fix.edits.push_back(
      TextEdit{{ts_node_start_byte(async_token), ts_node_start_byte(def_token)}, ""});
  fix.isolation = ByteRange{ts_node_start_byte(def), ts_node_end_byte(def)};
  return fix;
}

}  // namespace lw::analysis

#include "analysis/semantic/framework.h"

#include <array>
#include <string_view>

#include "analysis/one_of.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis::semantic {
namespace {

using syntax::Kind;

constexpr std::array<std::string_view, 11> kRouteDecorators = {
    "get",     "post",  "put",       "patch", "delete",   "head",
    "options", "trace", "api_route", "route", "websocket"};
constexpr std::array<std::string_view, 4> kRegistrations = {
    "add_api_route", "add_route", "add_websocket_route", "add_api_websocket_route"};

}  // namespace

bool Framework::is_app_or_router(TSNode receiver, ScopeId scope) const {
  auto t = types_.type_of(receiver, scope);
  return t && (*t == "fastapi.FastAPI" || *t == "fastapi.APIRouter" ||
               *t == "starlette.applications.Starlette" || *t == "starlette.routing.Router");
}

void Framework::collect_entered(const Site& call, std::string_view source) {
  const auto& f = syntax::fields();
  // The last name of the callee: `contextlib.asynccontextmanager` -> asynccontextmanager.
  TSNode callee = syntax::field(call.node, f.function);
  if (syntax::kind(callee) == Kind::Call) callee = syntax::field(callee, f.function);
  if (syntax::kind(callee) == Kind::Attribute) callee = syntax::field(callee, f.attribute);
  const std::string_view name =
      syntax::kind(callee) == Kind::Identifier ? syntax::text(callee, source) : "";
  const bool wrapper = name == "asynccontextmanager" || name == "Depends" || name == "Security";
  for (TSNode arg : syntax::named_children(syntax::field(call.node, f.arguments))) {
    TSNode value = arg;
    if (syntax::kind(arg) == Kind::KeywordArgument) {
      const std::string_view keyword = syntax::text(syntax::field(arg, f.name), source);
      if (keyword != "lifespan" && !(wrapper && keyword == "dependency")) continue;
      value = syntax::field(arg, f.value);
    } else if (!wrapper) {
      continue;
    }
    if (syntax::kind(value) == Kind::Identifier) entered_.push_back({value, call.context.scope});
  }
}

Framework::Framework(const SemanticModel& model, const TypeResolver& types) : types_(types) {
  const auto& f = syntax::fields();
  std::string_view src = model.source();
  for (const Site& site : model.sites()) {
    if (site.kind == Kind::Decorator) {
      // @router.get("/path") -> decorator(call(attribute(router, get), ...))
      TSNode expr = ts_node_named_child(site.node, 0);
      if (syntax::kind(expr) != Kind::Call) continue;
      TSNode callee = syntax::field(expr, f.function);
      if (syntax::kind(callee) != Kind::Attribute) continue;
      std::string_view method = syntax::text(syntax::field(callee, f.attribute), src);
      if (!one_of(kRouteDecorators, method)) continue;
      if (!is_app_or_router(syntax::field(callee, f.object), site.context.scope)) continue;
      TSNode decorated = syntax::parent(site.node);
      TSNode def = syntax::field(decorated, f.definition);
      if (syntax::kind(def) != Kind::FunctionDefinition) continue;
      routes_.insert(def.id);
      if (method == "websocket") websockets_.insert(def.id);
    } else if (site.kind == Kind::Call) {
      collect_entered(site, src);
      // app.add_api_route("/path", handler) / endpoint=handler
      TSNode callee = syntax::field(site.node, f.function);
      if (syntax::kind(callee) != Kind::Attribute) continue;
      std::string_view method = syntax::text(syntax::field(callee, f.attribute), src);
      if (!one_of(kRegistrations, method)) continue;
      if (!is_app_or_router(syntax::field(callee, f.object), site.context.scope)) continue;
      TSNode args = syntax::field(site.node, f.arguments);
      TSNode endpoint{};
      std::uint32_t positional = 0;
      std::uint32_t n = ts_node_named_child_count(args);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode arg = ts_node_named_child(args, i);
        if (syntax::kind(arg) == Kind::KeywordArgument) {
          std::string_view name = syntax::text(syntax::field(arg, f.name), src);
          if (name == "endpoint" || name == "route") endpoint = syntax::field(arg, f.value);
        } else if (syntax::kind(arg) != Kind::Comment && positional++ == 1) {
          endpoint = arg;
        }
      }
      if (syntax::kind(endpoint) != Kind::Identifier) continue;
      auto ids = model.lookup(syntax::text(endpoint, src), site.context.scope);
      if (ids.size() != 1 || model.binding(ids[0]).kind != BindingKind::Function) continue;
      TSNode def = model.binding(ids[0]).value;
      routes_.insert(def.id);
      if (method.find("websocket") != std::string_view::npos) websockets_.insert(def.id);
    }
  }
}

}  // namespace lw::analysis::semantic

#include "analysis/rules/async_resources.h"

#include <array>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/index/workspace_types.h"
#include "analysis/rules/value_use.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

struct Tables {
  std::unordered_set<std::string_view> async_cm_types, async_iterable_types, sync_cm_types,
      sync_cm_functions, sync_iterable_types;
  std::unordered_set<std::string> async_cm_methods, async_iterable_methods;  // "type#method"
  std::vector<AsyncResource> resources;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
#define LW_ASYNC_CM_TYPE(type) out.async_cm_types.emplace(type);
#define LW_ASYNC_CM_METHOD(type, method) out.async_cm_methods.emplace(type "#" method);
#define LW_ASYNC_ITERABLE_TYPE(type) out.async_iterable_types.emplace(type);
#define LW_ASYNC_ITERABLE_METHOD(type, method) out.async_iterable_methods.emplace(type "#" method);
#define LW_SYNC_CM_TYPE(type) out.sync_cm_types.emplace(type);
#define LW_SYNC_CM_FUNCTION(name) out.sync_cm_functions.emplace(name);
#define LW_SYNC_ITERABLE_TYPE(type) out.sync_iterable_types.emplace(type);
#define LW_ASYNC_RESOURCE(constructor, close, awaitable) \
  out.resources.push_back(AsyncResource{constructor, close, awaitable});
#include "analysis/rules/async_resources.inc"
#undef LW_ASYNC_CM_TYPE
#undef LW_ASYNC_CM_METHOD
#undef LW_ASYNC_ITERABLE_TYPE
#undef LW_ASYNC_ITERABLE_METHOD
#undef LW_SYNC_CM_TYPE
#undef LW_SYNC_CM_FUNCTION
#undef LW_SYNC_ITERABLE_TYPE
#undef LW_ASYNC_RESOURCE
    return out;
  }();
  return t;
}

std::string_view short_type(std::string_view type) {
  auto dot = type.rfind('.');
  // "asyncio.Lock" stays qualified; "sqlalchemy.ext.asyncio.AsyncSession" -> "AsyncSession"
  if (dot == std::string_view::npos || type.find('.') == dot) return type;
  return type.substr(dot + 1);
}

std::string describe(const RuleContext& ctx, TSNode expr, std::string_view type) {
  std::string out = "`" + short_text(ctx, expr) + "`";
  if (syntax::kind(expr) == Kind::Identifier && !type.empty()) {
    std::string_view t = short_type(type);
    bool vowel =
        !t.empty() && std::string_view("AEIOUaeiou").find(t.front()) != std::string_view::npos;
    out += std::string(vowel ? " (an `" : " (a `") + std::string(t) + "`)";
  }
  return out;
}

// The receiver type and method name of a method call `x.m(...)`.
std::optional<std::pair<std::string, std::string_view>> method_of(const RuleContext& ctx,
                                                                  TSNode call,
                                                                  semantic::ScopeId scope) {
  if (syntax::kind(call) != Kind::Call) return std::nullopt;
  const auto& f = syntax::fields();
  TSNode callee = strip_parentheses(syntax::field(call, f.function));
  if (syntax::kind(callee) != Kind::Attribute) return std::nullopt;
  auto type = ctx.types.type_of(syntax::field(callee, f.object), scope);
  if (!type) return std::nullopt;
  return std::make_pair(*type, ctx.text(syntax::field(callee, f.attribute)));
}

bool has_method(const std::unordered_set<std::string>& set, const std::string& type,
                std::string_view method) {
  return set.count(type + "#" + std::string(method)) != 0;
}

// A local function decorated with `decorator` (a qualified name), called by `call`.
bool calls_decorated_local(const RuleContext& ctx, TSNode call, semantic::ScopeId scope,
                           std::string_view decorator) {
  if (syntax::kind(call) != Kind::Call) return false;
  auto def = ctx.coroutines.local_function(syntax::field(call, syntax::fields().function), scope);
  if (!def) return false;
  auto inner = ctx.model.scope_of(*def);
  if (!inner) return false;
  semantic::ScopeId outer = ctx.model.scope(*inner).parent;
  auto decorators = semantic::CoroutineRegistry::decorators(*def);
  if (decorators.size() != 1) return false;
  auto qn = ctx.model.qualified_name(ts_node_named_child(decorators[0], 0), outer);
  return qn && *qn == decorator;
}

bool is_plain_collection(TSNode n) {
  switch (syntax::kind(n)) {
    case Kind::List:
    case Kind::Tuple:
    case Kind::Dictionary:
    case Kind::Set:
    case Kind::ListComprehension:
    case Kind::SetComprehension:
    case Kind::DictionaryComprehension:
    case Kind::String:
    case Kind::ConcatenatedString:
      return true;
    default:
      return false;
  }
}

// A class of the workspace or of an installed library (index/workspace_types.h) that defines
// only `__aenter__` (async) or only `__enter__` (sync), itself or through its bases.
// A call must construct the class itself (`Stream(...)`, `vendorsdk.Stream(...)`): the type of
// another call may be what its context manager yields (`@contextmanager` functions are typed
// by their yield, for the `as` target), not the context manager.
// Gives what the message adds: "" for a class of the workspace, " (library X 1.2)" else.
std::optional<std::string> defines_only(const RuleContext& ctx, TSNode expr,
                                        const std::string& type, bool async) {
  if (ctx.workspace.module == nullptr || semantic::is_catalog_type(type)) return std::nullopt;
  if (syntax::kind(expr) == Kind::Call) {
    std::string_view callee = ctx.text(syntax::field(expr, syntax::fields().function));
    const auto dot = callee.rfind('.');
    if (dot != std::string_view::npos) callee = callee.substr(dot + 1);
    const auto type_dot = type.rfind('.');
    if (callee != std::string_view(type).substr(type_dot == std::string::npos ? 0 : type_dot + 1)) {
      return std::nullopt;
    }
  }
  const index::WorkspaceTypes types(ctx.workspace.identity, ctx.workspace.index,
                                    ctx.workspace.module);
  auto p = types.context_protocol(type);
  if (!p || !(async ? p->async && !p->sync : p->sync && !p->async)) return std::nullopt;
  return p->library.empty() ? std::string() : " (library " + p->library + ")";
}

constexpr std::array<std::string_view, 9> kSyncIterableBuiltins = {
    "range", "enumerate", "zip", "sorted", "reversed", "map", "filter", "iter", "list"};

}  // namespace

std::string short_text(const RuleContext& ctx, TSNode node) {
  std::string_view text = ctx.text(node);
  if (text.size() <= 60 && text.find('\n') == std::string_view::npos) return std::string(text);
  if (syntax::kind(node) == Kind::Call) {
    std::string_view callee = ctx.text(syntax::field(node, syntax::fields().function));
    if (callee.size() <= 60 && callee.find('\n') == std::string_view::npos) {
      return std::string(callee) + "(...)";
    }
  }
  return "...";
}

std::optional<std::string> async_context_manager(const RuleContext& ctx, TSNode expr,
                                                 semantic::ScopeId scope) {
  expr = strip_parentheses(expr);
  Kind k = syntax::kind(expr);
  if (k != Kind::Call && k != Kind::Identifier && k != Kind::Attribute) return std::nullopt;
  const Tables& t = tables();
  if (calls_decorated_local(ctx, expr, scope, "contextlib.asynccontextmanager")) {
    return "`" + short_text(ctx, expr) + "` (an `@asynccontextmanager`)";
  }
  if (auto m = method_of(ctx, expr, scope)) {
    if (has_method(t.async_cm_methods, m->first, m->second)) return describe(ctx, expr, "");
  }
  auto type = ctx.types.type_of(expr, scope);
  if (type && t.async_cm_types.count(*type) != 0) return describe(ctx, expr, *type);
  if (type) {
    if (auto note = defines_only(ctx, expr, *type, /*async=*/true)) {
      return describe(ctx, expr, *type) + *note;
    }
  }
  return std::nullopt;
}

std::optional<std::string> async_iterable(const RuleContext& ctx, TSNode expr,
                                          semantic::ScopeId scope) {
  expr = strip_parentheses(expr);
  Kind k = syntax::kind(expr);
  if (k != Kind::Call && k != Kind::Identifier && k != Kind::Attribute) return std::nullopt;
  const Tables& t = tables();
  if (k == Kind::Call) {
    auto def = ctx.coroutines.local_function(syntax::field(expr, syntax::fields().function), scope);
    if (def && ctx.coroutines.is_async_generator_function(*def)) {
      return "`" + short_text(ctx, expr) + "` (an async generator)";
    }
  }
  if (auto m = method_of(ctx, expr, scope)) {
    if (has_method(t.async_iterable_methods, m->first, m->second)) {
      return describe(ctx, expr, "");
    }
  }
  auto type = ctx.types.type_of(expr, scope);
  if (type && t.async_iterable_types.count(*type) != 0) return describe(ctx, expr, *type);
  return std::nullopt;
}

std::optional<std::string> sync_context_manager(const RuleContext& ctx, TSNode expr,
                                                semantic::ScopeId scope) {
  expr = strip_parentheses(expr);
  Kind k = syntax::kind(expr);
  if (k != Kind::Call && k != Kind::Identifier && k != Kind::Attribute) return std::nullopt;
  const Tables& t = tables();
  if (calls_decorated_local(ctx, expr, scope, "contextlib.contextmanager")) {
    return "`" + short_text(ctx, expr) + "` (a `@contextmanager`)";
  }
  if (k == Kind::Call) {
    auto qn = ctx.model.qualified_name(syntax::field(expr, syntax::fields().function), scope);
    if (qn && t.sync_cm_functions.count(*qn) != 0) return describe(ctx, expr, "");
  }
  auto type = ctx.types.type_of(expr, scope);
  if (type && t.sync_cm_types.count(*type) != 0) return describe(ctx, expr, *type);
  if (type) {
    if (auto note = defines_only(ctx, expr, *type, /*async=*/false)) {
      return describe(ctx, expr, *type) + *note;
    }
  }
  return std::nullopt;
}

std::optional<std::string> sync_iterable(const RuleContext& ctx, TSNode expr,
                                         semantic::ScopeId scope) {
  expr = strip_parentheses(expr);
  if (is_plain_collection(expr)) return "`" + short_text(ctx, expr) + "`";
  const auto& f = syntax::fields();
  switch (syntax::kind(expr)) {
    case Kind::Call: {
      TSNode callee = strip_parentheses(syntax::field(expr, f.function));
      if (syntax::kind(callee) == Kind::Identifier) {
        std::string_view name = ctx.text(callee);
        for (auto builtin : kSyncIterableBuiltins) {
          if (name == builtin && ctx.model.lookup(name, scope).empty()) {
            return "`" + short_text(ctx, expr) + "`";
          }
        }
        auto def = ctx.coroutines.local_function(callee, scope);
        if (def && ctx.coroutines.is_plain_generator_function(*def)) {
          return "`" + short_text(ctx, expr) + "` (a plain generator)";
        }
      }
      break;
    }
    case Kind::Identifier: {
      // A name bound only to literal collections.
      auto ids = ctx.model.lookup(ctx.text(expr), scope);
      bool all_literal = !ids.empty();
      for (auto id : ids) {
        const auto& b = ctx.model.binding(id);
        if (b.kind != semantic::BindingKind::Assignment || b.unpacked ||
            !is_plain_collection(strip_parentheses(b.value))) {
          all_literal = false;
        }
      }
      if (all_literal) return "`" + std::string(ctx.text(expr)) + "` (a plain collection)";
      break;
    }
    default:
      break;
  }
  auto type = ctx.types.type_of(expr, scope);
  if (type && tables().sync_iterable_types.count(*type) != 0) {
    return describe(ctx, expr, *type);
  }
  return std::nullopt;
}

const AsyncResource* async_resource(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  if (syntax::kind(call) != Kind::Call) return nullptr;
  auto qn = ctx.model.qualified_name(syntax::field(call, syntax::fields().function), scope);
  if (!qn) return nullptr;
  for (const auto& r : tables().resources) {
    if (r.constructor == *qn) return &r;
  }
  return nullptr;
}

}  // namespace lw::analysis

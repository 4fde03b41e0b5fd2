#include "analysis/semantic/coroutines.h"

#include <algorithm>
#include <array>

#include "analysis/syntax/navigation.h"

namespace lw::analysis::semantic {
namespace {

using syntax::Kind;

struct Tables {
  std::unordered_set<std::string_view> functions;
  std::unordered_set<std::string_view> futures;       // functions returning a scheduled Future
  std::unordered_set<std::string> methods;            // "type#method"
  std::unordered_set<std::string_view> method_types;  // types with coroutine methods
  std::unordered_set<std::string_view> known_modules;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
#define LW_COROUTINE_FUNCTION(name) out.functions.emplace(name);
#define LW_COROUTINE_METHOD(type, method) \
  out.methods.emplace(type "#" method);   \
  out.method_types.emplace(type);
#define LW_FUTURE_FUNCTION(name) \
  out.functions.emplace(name);   \
  out.futures.emplace(name);
#define LW_KNOWN_MODULE(name) out.known_modules.emplace(name);
#include "analysis/semantic/async_functions.inc"
#undef LW_FUTURE_FUNCTION
#undef LW_COROUTINE_FUNCTION
#undef LW_COROUTINE_METHOD
#undef LW_KNOWN_MODULE
    return out;
  }();
  return t;
}

bool is_coroutine_method(std::string_view type, std::string_view method) {
  std::string key;
  key.reserve(type.size() + 1 + method.size());
  key.append(type).push_back('#');
  key.append(method);
  return tables().methods.count(key) != 0;
}

std::string_view last_component(std::string_view qn) {
  auto dot = qn.rfind('.');
  return dot == std::string_view::npos ? qn : qn.substr(dot + 1);
}

// Decorators known to return the decorated coroutine function (or one that behaves the same
// when called).
constexpr std::array<std::string_view, 12> kTransparentDecorators = {
    "typing.overload",      "typing_extensions.overload", "functools.wraps",
    "typing.override",      "typing_extensions.override", "abc.abstractmethod",
    "typing.final",         "typing_extensions.final",    "tenacity.retry",
    "backoff.on_exception", "backoff.on_predicate",       "async_lru.alru_cache"};

TSNode strip_parens(TSNode n) {
  while (syntax::kind(n) == Kind::ParenthesizedExpression && ts_node_named_child_count(n) == 1) {
    n = ts_node_named_child(n, 0);
  }
  return n;
}

}  // namespace

CoroutineRegistry::CoroutineRegistry(const SemanticModel& model, const TypeResolver& types,
                                     const Framework& framework,
                                     std::span<const std::string> extend_async_functions,
                                     std::span<const CoroutineSource* const> sources)
    : model_(model),
      types_(types),
      framework_(framework),
      extend_(extend_async_functions),
      sources_(sources) {
  for (const Site& site : model_.sites()) {
    switch (site.kind) {
      case Kind::Await:
        facts_[site.context.function].awaits = true;
        break;
      case Kind::Yield:
        facts_[site.context.function].yields = true;
        break;
      case Kind::WithStatement:
        if (syntax::is_async(site.node)) facts_[site.context.function].async_with = true;
        break;
      case Kind::ForStatement:
      case Kind::ForInClause:
        if (syntax::is_async(site.node)) facts_[site.context.function].async_for = true;
        break;
      default:
        break;
    }
  }
}

BodyFacts CoroutineRegistry::body_facts(ScopeId function_scope) const {
  auto it = facts_.find(function_scope);
  return it == facts_.end() ? BodyFacts{} : it->second;
}

std::vector<TSNode> CoroutineRegistry::decorators(TSNode def) {
  std::vector<TSNode> out;
  TSNode parent = syntax::parent(def);
  if (syntax::kind(parent) != Kind::DecoratedDefinition) return out;
  std::uint32_t n = ts_node_named_child_count(parent);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode child = ts_node_named_child(parent, i);
    if (syntax::kind(child) == Kind::Decorator) out.push_back(child);
  }
  return out;
}

bool CoroutineRegistry::decorators_keep_coroutine(TSNode def, ScopeId outer) const {
  const auto& f = syntax::fields();
  for (TSNode decorator : decorators(def)) {
    TSNode expr = strip_parens(ts_node_named_child(decorator, 0));
    if (syntax::kind(expr) == Kind::Call) expr = syntax::field(expr, f.function);
    if (syntax::kind(expr) == Kind::Identifier) {
      std::string_view name = syntax::text(expr, model_.source());
      if ((name == "staticmethod" || name == "classmethod") && model_.lookup(name, outer).empty()) {
        continue;
      }
    }
    if (auto qn = model_.qualified_name(expr, outer)) {
      if (std::find(kTransparentDecorators.begin(), kTransparentDecorators.end(), *qn) !=
          kTransparentDecorators.end()) {
        continue;
      }
    }
    // `@app.get(...)`, `@router.websocket(...)`, `@app.exception_handler(...)`: FastAPI and
    // Starlette register the function and return it unchanged.
    if (syntax::kind(expr) == Kind::Attribute &&
        framework_.is_app_or_router(syntax::field(expr, f.object), outer)) {
      continue;
    }
    return false;
  }
  return true;
}

bool CoroutineRegistry::is_coroutine_function(TSNode def) const {
  if (syntax::kind(def) != Kind::FunctionDefinition || !syntax::is_async(def)) return false;
  auto scope = model_.scope_of(def);
  if (!scope || body_facts(*scope).yields) return false;
  return decorators_keep_coroutine(def, model_.scope(*scope).parent);
}

bool CoroutineRegistry::is_async_generator_function(TSNode def) const {
  if (syntax::kind(def) != Kind::FunctionDefinition || !syntax::is_async(def)) return false;
  auto scope = model_.scope_of(def);
  if (!scope || !body_facts(*scope).yields) return false;
  return decorators(def).empty();
}

bool CoroutineRegistry::is_plain_generator_function(TSNode def) const {
  if (syntax::kind(def) != Kind::FunctionDefinition || syntax::is_async(def)) return false;
  auto scope = model_.scope_of(def);
  if (!scope || !body_facts(*scope).yields) return false;
  return decorators(def).empty();
}

std::optional<TSNode> CoroutineRegistry::local_function(TSNode callee, ScopeId scope) const {
  callee = strip_parens(callee);
  if (syntax::kind(callee) != Kind::Identifier) return std::nullopt;
  auto ids = model_.lookup(syntax::text(callee, model_.source()), scope);
  if (ids.size() != 1 || model_.binding(ids[0]).kind != BindingKind::Function) return std::nullopt;
  return model_.binding(ids[0]).value;
}

std::optional<CoroutineTarget> CoroutineRegistry::local_call(TSNode callee, ScopeId scope) const {
  std::string_view name = syntax::text(callee, model_.source());
  auto ids = model_.lookup(name, scope);
  if (ids.empty()) return std::nullopt;
  TSNode first{};
  for (BindingId id : ids) {
    const Binding& b = model_.binding(id);
    if (b.kind != BindingKind::Function || !is_coroutine_function(b.value)) return std::nullopt;
    if (ts_node_is_null(first)) first = b.value;
  }
  return CoroutineTarget{std::string(name), first};
}

std::optional<ScopeId> CoroutineRegistry::receiver_class(TSNode receiver, ScopeId scope) const {
  const auto& f = syntax::fields();
  receiver = strip_parens(receiver);
  auto class_scope_of = [&](TSNode class_name, ScopeId from) -> std::optional<ScopeId> {
    if (syntax::kind(class_name) != Kind::Identifier) return std::nullopt;
    auto ids = model_.lookup(syntax::text(class_name, model_.source()), from);
    if (ids.size() != 1 || model_.binding(ids[0]).kind != BindingKind::Class) return std::nullopt;
    return model_.scope_of(model_.binding(ids[0]).value);
  };
  if (syntax::kind(receiver) == Kind::Call) {  // Service().load()
    return class_scope_of(strip_parens(syntax::field(receiver, f.function)), scope);
  }
  if (syntax::kind(receiver) != Kind::Identifier) return std::nullopt;
  auto ids = model_.lookup(syntax::text(receiver, model_.source()), scope);
  if (ids.size() != 1) return std::nullopt;
  const Binding& b = model_.binding(ids[0]);
  if (b.kind == BindingKind::Assignment && !b.unpacked && syntax::kind(b.value) == Kind::Call) {
    // svc = Service(...)
    return class_scope_of(strip_parens(syntax::field(b.value, f.function)), b.scope);
  }
  if (b.kind != BindingKind::Parameter) return std::nullopt;
  // `self` / `cls`: the first parameter of a method (not a staticmethod) of a class.
  const Scope& fn = model_.scope(b.scope);
  if (fn.kind != ScopeKind::Function || fn.parent == kNoScope) return std::nullopt;
  if (model_.scope(fn.parent).kind != ScopeKind::Class) return std::nullopt;
  TSNode params = syntax::field(fn.node, f.parameters);
  if (ts_node_named_child_count(params) == 0) return std::nullopt;
  TSNode first = ts_node_named_child(params, 0);
  if (syntax::kind(first) == Kind::TypedParameter) first = ts_node_named_child(first, 0);
  if (syntax::kind(first) != Kind::Identifier || first.id != b.site.id) return std::nullopt;
  for (TSNode decorator : decorators(fn.node)) {
    TSNode expr = ts_node_named_child(decorator, 0);
    if (syntax::text(expr, model_.source()) == "staticmethod") return std::nullopt;
  }
  return fn.parent;
}

std::optional<TSNode> CoroutineRegistry::class_method(ScopeId class_scope,
                                                      std::string_view name) const {
  const Scope& cls = model_.scope(class_scope);
  auto it = cls.names.find(name);
  if (it == cls.names.end() || it->second.empty()) return std::nullopt;
  TSNode first{};
  for (BindingId id : it->second) {
    const Binding& b = model_.binding(id);
    if (b.kind != BindingKind::Function || !is_coroutine_function(b.value)) return std::nullopt;
    if (ts_node_is_null(first)) first = b.value;
  }
  return first;
}

std::optional<CoroutineTarget> CoroutineRegistry::method_call(TSNode callee, ScopeId scope) const {
  const auto& f = syntax::fields();
  TSNode object = syntax::field(callee, f.object);
  std::string_view method = syntax::text(syntax::field(callee, f.attribute), model_.source());
  if (auto cls = receiver_class(object, scope)) {
    if (auto def = class_method(*cls, method)) {
      std::string name(syntax::text(object, model_.source()));
      if (syntax::kind(strip_parens(object)) == Kind::Call) {  // Service().load()
        name = std::string(
                   syntax::text(syntax::field(model_.scope(*cls).node, f.name), model_.source())) +
               "()";
      }
      return CoroutineTarget{name + "." + std::string(method), *def};
    }
    return std::nullopt;
  }
  auto type = types_.type_of(object, scope);
  if (!type) return std::nullopt;
  CoroutineTarget target{std::string(last_component(*type)) + "." + std::string(method), {}};
  if (is_coroutine_method(*type, method)) return target;
  // A class of another module of the workspace, or of an installed library.
  if (is_catalog_type(*type)) return std::nullopt;
  const std::string qualified = *type + "." + std::string(method);
  for (const CoroutineSource* source : sources_) {
    if (source == nullptr) continue;
    if (auto answer = source->is_coroutine_function(qualified)) {
      if (!*answer) return std::nullopt;
      target.library = source->library_of(qualified);
      return target;
    }
  }
  return std::nullopt;
}

std::optional<CoroutineTarget> CoroutineRegistry::qualified_call(const std::string& qn) const {
  if (tables().functions.count(qn) != 0) {
    return CoroutineTarget{qn, {}, tables().futures.count(qn) != 0};
  }
  if (std::find(extend_.begin(), extend_.end(), qn) != extend_.end()) {
    return CoroutineTarget{qn, {}};
  }
  for (const CoroutineSource* source : sources_) {
    if (source == nullptr) continue;
    if (auto answer = source->is_coroutine_function(qn)) {
      if (*answer) return CoroutineTarget{qn, {}, false, source->library_of(qn)};
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<TSNode> CoroutineRegistry::called_definition(TSNode call, ScopeId scope) const {
  if (syntax::kind(call) != Kind::Call) return std::nullopt;
  const auto& f = syntax::fields();
  TSNode callee = strip_parens(syntax::field(call, f.function));
  std::span<const BindingId> ids;
  if (syntax::kind(callee) == Kind::Identifier) {
    ids = model_.lookup(syntax::text(callee, model_.source()), scope);
  } else if (syntax::kind(callee) == Kind::Attribute) {
    auto cls = receiver_class(syntax::field(callee, f.object), scope);
    if (!cls) return std::nullopt;
    const std::string_view method =
        syntax::text(syntax::field(callee, f.attribute), model_.source());
    // The class, then its bases that are classes of this file, depth first in the order
    // written (a mixin's helper called as `self._helper()` from a subclass).
    std::vector<ScopeId> todo{*cls};
    for (int visited = 0; !todo.empty() && visited < 32; ++visited) {
      const Scope& c = model_.scope(todo.back());
      todo.pop_back();
      if (auto it = c.names.find(method); it != c.names.end()) {
        ids = it->second;
        break;
      }
      TSNode bases = syntax::field(c.node, f.superclasses);
      std::vector<ScopeId> found;
      for (TSNode base : syntax::named_children(bases)) {
        if (syntax::kind(base) == Kind::Subscript) {
          base = ts_node_named_child(base, 0);  // Generic[T]
        }
        if (syntax::kind(base) != Kind::Identifier) continue;
        auto bound = model_.lookup(syntax::text(base, model_.source()), c.parent);
        if (bound.size() != 1 || model_.binding(bound[0]).kind != BindingKind::Class) continue;
        if (auto s = model_.scope_of(model_.binding(bound[0]).value)) found.push_back(*s);
      }
      todo.insert(todo.end(), found.rbegin(), found.rend());
    }
    if (ids.empty()) return std::nullopt;
  }
  if (ids.size() != 1 || model_.binding(ids[0]).kind != BindingKind::Function) {
    return std::nullopt;
  }
  return model_.binding(ids[0]).value;
}

std::optional<CoroutineTarget> CoroutineRegistry::coroutine_call(TSNode call, ScopeId scope) const {
  if (syntax::kind(call) != Kind::Call) return std::nullopt;
  TSNode callee = strip_parens(syntax::field(call, syntax::fields().function));
  switch (syntax::kind(callee)) {
    case Kind::Identifier: {
      auto ids = model_.lookup(syntax::text(callee, model_.source()), scope);
      bool all_functions = !ids.empty();
      for (BindingId id : ids) {
        if (model_.binding(id).kind != BindingKind::Function) all_functions = false;
      }
      if (all_functions) return local_call(callee, scope);
      if (auto qn = model_.qualified_name(callee, scope)) return qualified_call(*qn);
      return std::nullopt;
    }
    case Kind::Attribute:
      if (auto qn = model_.qualified_name(callee, scope)) return qualified_call(*qn);
      return method_call(callee, scope);
    default:
      return std::nullopt;
  }
}

bool CoroutineRegistry::may_be_unknown_coroutine(TSNode call, ScopeId scope) const {
  if (syntax::kind(call) != Kind::Call) return false;
  const auto& f = syntax::fields();
  TSNode callee = strip_parens(syntax::field(call, f.function));
  Kind k = syntax::kind(callee);
  if (k != Kind::Identifier && k != Kind::Attribute) return false;
  if (auto qn = model_.qualified_name(callee, scope)) {
    if (qualified_call(*qn)) return false;  // a known coroutine function: LW201's business
    for (const CoroutineSource* source : sources_) {
      if (source != nullptr && source->is_coroutine_function(*qn).has_value()) return false;
    }
    if (qn->starts_with('.')) return true;  // a relative import: the user's own module
    std::string_view top = *qn;
    top = top.substr(0, top.find('.'));
    return top != "builtins" && tables().known_modules.count(top) == 0;
  }
  if (k != Kind::Attribute) return false;
  auto type = types_.type_of(syntax::field(callee, f.object), scope);
  if (!type || tables().method_types.count(*type) == 0) return false;
  return !is_coroutine_method(*type,
                              syntax::text(syntax::field(callee, f.attribute), model_.source()));
}

}  // namespace lw::analysis::semantic

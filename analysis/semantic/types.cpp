#include "analysis/semantic/types.h"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "analysis/syntax/navigation.h"

namespace lw::analysis::semantic {
namespace {

using syntax::Kind;

constexpr int kMaxDepth = 8;
constexpr std::string_view kFactoryPrefix = "factory:";

struct Tables {
  std::unordered_map<std::string_view, std::string> classes, functions, methods, factories;
  std::unordered_map<std::string_view, std::string> functions_of;  // "name#argument type"
  std::unordered_set<std::string_view> functions_of_names;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
#define LW_CLASS(name, type) out.classes.emplace(name, type);
#define LW_FUNCTION(name, type) out.functions.emplace(name, type);
#define LW_METHOD(type, method, result) out.methods.emplace(type "#" method, result);
#define LW_FACTORY(name, product) out.factories.emplace(name, product);
#define LW_FUNCTION_OF(name, argument, result)         \
  out.functions_of.emplace(name "#" argument, result); \
  out.functions_of_names.emplace(name);
#include "analysis/semantic/known_types.inc"
#undef LW_FUNCTION_OF
#undef LW_CLASS
#undef LW_FUNCTION
#undef LW_METHOD
#undef LW_FACTORY
    return out;
  }();
  return t;
}

const std::string* find(const std::unordered_map<std::string_view, std::string>& m,
                        std::string_view key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

bool is_none(TSNode n) {
  if (syntax::kind(n) == Kind::Type && ts_node_named_child_count(n) == 1) {
    n = ts_node_named_child(n, 0);
  }
  return syntax::kind(n) == Kind::None;
}

std::string_view last_component(std::string_view qn) {
  auto dot = qn.rfind('.');
  return dot == std::string_view::npos ? qn : qn.substr(dot + 1);
}

// Merges one candidate into an agreed result; returns false on disagreement.
bool agree(std::optional<std::string>& agreed, const std::optional<std::string>& candidate) {
  if (!candidate) return false;
  if (agreed && *agreed != *candidate) return false;
  agreed = candidate;
  return true;
}

}  // namespace

const std::string* class_type(std::string_view qn) { return find(tables().classes, qn); }
const std::string* function_type(std::string_view qn) { return find(tables().functions, qn); }
const std::string* factory_product(std::string_view qn) { return find(tables().factories, qn); }
const std::string* method_type(std::string_view receiver_type, std::string_view method) {
  std::string key;
  key.reserve(receiver_type.size() + 1 + method.size());
  key.append(receiver_type).push_back('#');
  key.append(method);
  return find(tables().methods, key);
}

std::optional<std::string> TypeResolver::type_of(TSNode expr, ScopeId scope) const {
  return type_of(expr, scope, 0);
}

const std::vector<const Site*>& TypeResolver::result_sites(ScopeId function) const {
  if (!result_sites_built_) {
    result_sites_built_ = true;
    for (const Site& site : model_.sites()) {
      if (site.kind == Kind::ReturnStatement || site.kind == Kind::Yield) {
        result_sites_[site.context.function].push_back(&site);
      }
    }
  }
  static const std::vector<const Site*> kNone;
  auto it = result_sites_.find(function);
  return it == result_sites_.end() ? kNone : it->second;
}

std::optional<std::string> TypeResolver::annotation_type(TSNode annotation, ScopeId scope) const {
  return annotation_type(annotation, scope, 0);
}

std::optional<std::string> TypeResolver::function_result_type(TSNode def) const {
  return function_result_type(def, 0);
}

std::optional<std::string> TypeResolver::type_of(TSNode expr, ScopeId scope, int depth) const {
  if (depth > kMaxDepth || ts_node_is_null(expr)) return std::nullopt;
  const auto& f = syntax::fields();
  switch (syntax::kind(expr)) {
    case Kind::Call:
      return call_type(expr, scope, depth + 1);
    case Kind::ParenthesizedExpression:
      if (ts_node_named_child_count(expr) != 1) return std::nullopt;
      return type_of(ts_node_named_child(expr, 0), scope, depth + 1);
    case Kind::Assignment:  // chained `a = b = value`
      return type_of(syntax::field(expr, f.right), scope, depth + 1);
    case Kind::Await:  // `await aiofiles.open(...)`, `await pool.acquire()`: what it resolves to
      if (ts_node_named_child_count(expr) != 1) return std::nullopt;
      return type_of(ts_node_named_child(expr, 0), scope, depth + 1);
    case Kind::BinaryOperator: {
      // `path / "name"` stays a Path.
      auto left = type_of(syntax::field(expr, f.left), scope, depth + 1);
      if (left && *left == "pathlib.Path") return left;
      return std::nullopt;
    }
    case Kind::Identifier: {
      auto ids = model_.lookup(syntax::text(expr, model_.source()), scope);
      if (ids.empty()) return std::nullopt;
      std::optional<std::string> agreed;
      for (BindingId id : ids) {
        const Binding& b = model_.binding(id);
        if (b.kind == BindingKind::Assignment && !b.unpacked &&
            syntax::kind(b.value) == Kind::None) {
          continue;
        }
        if (!agree(agreed, binding_type(b, depth + 1))) return std::nullopt;
      }
      return agreed;
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::string> TypeResolver::binding_type(const Binding& b, int depth) const {
  ScopeId outer = model_.scope(b.scope).parent;
  switch (b.kind) {
    case BindingKind::Assignment: {
      if (b.unpacked) return std::nullopt;
      auto t = type_of(b.value, b.scope, depth);
      if (!t && !ts_node_is_null(b.annotation)) t = annotation_type(b.annotation, b.scope, depth);
      return t;
    }
    case BindingKind::Annotation:
      return annotation_type(b.annotation, b.scope, depth);
    case BindingKind::Parameter: {
      if (outer == kNoScope) return std::nullopt;
      if (!ts_node_is_null(b.annotation)) {
        if (auto t = annotation_type(b.annotation, outer, depth)) return t;
      }
      if (!ts_node_is_null(b.default_value)) return depends_type(b.default_value, outer, depth);
      return std::nullopt;
    }
    case BindingKind::WithTarget:
      return type_of(b.value, b.scope, depth);
    default:
      return std::nullopt;
  }
}

std::optional<std::string> TypeResolver::call_type(TSNode call, ScopeId scope, int depth) const {
  const auto& f = syntax::fields();
  TSNode callee = syntax::field(call, f.function);
  if (auto qn = model_.qualified_name(callee, scope)) {
    if (const auto* t = class_type(*qn)) return *t;
    if (const auto* t = function_type(*qn)) return *t;
    if (auto t = argument_typed_call_type(call, *qn, scope, depth)) return t;
    if (const auto* product = factory_product(*qn)) {
      // sessionmaker(class_=AsyncSession) makes AsyncSessions.
      TSNode args = syntax::field(call, f.arguments);
      std::uint32_t n = ts_node_named_child_count(args);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode arg = ts_node_named_child(args, i);
        if (syntax::kind(arg) != Kind::KeywordArgument) continue;
        if (syntax::text(syntax::field(arg, f.name), model_.source()) != "class_") continue;
        auto cls = model_.qualified_name(syntax::field(arg, f.value), scope);
        const std::string* t = cls ? class_type(*cls) : nullptr;
        if (t == nullptr) return std::nullopt;  // unknown class: no guess
        return std::string(kFactoryPrefix) + *t;
      }
      return std::string(kFactoryPrefix) + *product;
    }
    return std::nullopt;
  }
  if (syntax::kind(callee) == Kind::Attribute) {
    auto receiver = type_of(syntax::field(callee, f.object), scope, depth + 1);
    if (!receiver) return std::nullopt;
    std::string_view method = syntax::text(syntax::field(callee, f.attribute), model_.source());
    if (const auto* t = method_type(*receiver, method)) return *t;
    return std::nullopt;
  }
  if (syntax::kind(callee) == Kind::Identifier) {
    auto ids = model_.lookup(syntax::text(callee, model_.source()), scope);
    if (ids.size() == 1 && model_.binding(ids[0]).kind == BindingKind::Function) {
      return function_result_type(model_.binding(ids[0]).value, depth + 1);
    }
    auto t = type_of(callee, scope, depth + 1);
    if (t && t->starts_with(kFactoryPrefix)) return t->substr(kFactoryPrefix.size());
  }
  return std::nullopt;
}

// LW_FUNCTION_OF rows: `sqlalchemy.inspect(engine)` is an Inspector only when its first
// positional argument is known to be a sync Engine/Connection.
std::optional<std::string> TypeResolver::argument_typed_call_type(TSNode call, std::string_view qn,
                                                                  ScopeId scope, int depth) const {
  if (tables().functions_of_names.count(qn) == 0) return std::nullopt;
  TSNode args = syntax::field(call, syntax::fields().arguments);
  TSNode first{};
  for (TSNode arg : syntax::named_children(args)) {
    if (syntax::kind(arg) == Kind::Comment) continue;
    first = arg;
    break;
  }
  if (ts_node_is_null(first) || syntax::kind(first) == Kind::KeywordArgument ||
      syntax::kind(first) == Kind::ListSplat || syntax::kind(first) == Kind::DictionarySplat) {
    return std::nullopt;
  }
  auto argument = type_of(first, scope, depth + 1);
  if (!argument) return std::nullopt;
  std::string key(qn);
  key.push_back('#');
  key.append(*argument);
  if (const auto* t = find(tables().functions_of, key)) return *t;
  return std::nullopt;
}

std::optional<std::string> TypeResolver::annotation_type(TSNode node, ScopeId scope,
                                                         int depth) const {
  if (depth > kMaxDepth || ts_node_is_null(node)) return std::nullopt;
  const auto& f = syntax::fields();
  switch (syntax::kind(node)) {
    case Kind::Type:
      if (ts_node_named_child_count(node) != 1) return std::nullopt;
      return annotation_type(ts_node_named_child(node, 0), scope, depth + 1);
    case Kind::Identifier:
    case Kind::Attribute: {
      auto qn = model_.qualified_name(node, scope);
      if (!qn) return std::nullopt;
      if (const auto* t = class_type(*qn)) return *t;
      return std::nullopt;
    }
    case Kind::BinaryOperator: {  // X | None
      TSNode left = syntax::field(node, f.left);
      TSNode right = syntax::field(node, f.right);
      if (is_none(right)) return annotation_type(left, scope, depth + 1);
      if (is_none(left)) return annotation_type(right, scope, depth + 1);
      auto l = annotation_type(left, scope, depth + 1);
      auto r = annotation_type(right, scope, depth + 1);
      if (l && r && *l == *r) return l;
      return std::nullopt;
    }
    case Kind::GenericType: {
      // Optional[T], Annotated[T, ...], Iterator[T], Generator[T, ...], Union[T, None]
      std::uint32_t n = ts_node_named_child_count(node);
      if (n < 2) return std::nullopt;
      TSNode head = ts_node_named_child(node, 0);
      auto qn = model_.qualified_name(head, scope);
      std::string_view name = qn ? last_component(*qn) : syntax::text(head, model_.source());
      TSNode params = ts_node_named_child(node, 1);
      std::uint32_t np = ts_node_named_child_count(params);
      if (np == 0) return std::nullopt;
      if (name == "Union") {
        std::optional<std::string> agreed;
        for (std::uint32_t i = 0; i < np; ++i) {
          TSNode p = ts_node_named_child(params, i);
          if (is_none(p)) continue;
          if (!agree(agreed, annotation_type(p, scope, depth + 1))) return std::nullopt;
        }
        return agreed;
      }
      if (name == "Optional" || name == "Annotated" || name == "Iterator" || name == "Generator" ||
          name == "Iterable" || name == "AsyncIterator" || name == "AsyncGenerator" ||
          name == "AsyncIterable") {
        return annotation_type(ts_node_named_child(params, 0), scope, depth + 1);
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::string> TypeResolver::depends_type(TSNode default_value, ScopeId scope,
                                                      int depth) const {
  if (syntax::kind(default_value) != Kind::Call) return std::nullopt;
  const auto& f = syntax::fields();
  auto qn = model_.qualified_name(syntax::field(default_value, f.function), scope);
  if (!qn || (*qn != "fastapi.Depends" && *qn != "fastapi.params.Depends")) return std::nullopt;
  TSNode args = syntax::field(default_value, f.arguments);
  if (ts_node_named_child_count(args) == 0) return std::nullopt;
  TSNode provider = ts_node_named_child(args, 0);
  if (syntax::kind(provider) == Kind::KeywordArgument) {
    if (syntax::text(syntax::field(provider, f.name), model_.source()) != "dependency") {
      return std::nullopt;
    }
    provider = syntax::field(provider, f.value);
  }
  if (syntax::kind(provider) != Kind::Identifier) return std::nullopt;
  auto ids = model_.lookup(syntax::text(provider, model_.source()), scope);
  if (ids.size() != 1 || model_.binding(ids[0]).kind != BindingKind::Function) return std::nullopt;
  return function_result_type(model_.binding(ids[0]).value, depth + 1);
}

std::optional<std::string> TypeResolver::function_result_type(TSNode def, int /*depth*/) const {
  if (syntax::kind(def) != Kind::FunctionDefinition) return std::nullopt;
  if (auto it = function_results_.find(def.id); it != function_results_.end()) return it->second;
  // The result is cached, so it is computed from a fresh depth (a depth-limited answer must
  // not be remembered); the in-progress entry breaks recursion through self-reference.
  const int depth = 0;
  function_results_[def.id] = std::nullopt;
  const auto& f = syntax::fields();
  auto scope = model_.scope_of(def);
  if (!scope) return std::nullopt;
  std::optional<std::string> result;
  TSNode ret = syntax::field(def, f.return_type);
  if (!ts_node_is_null(ret)) {
    result = annotation_type(ret, model_.scope(*scope).parent, depth + 1);
  } else {
    // Every `return x` / `yield x` of its own body must agree (bare ones and None skipped).
    bool conflict = false;
    for (const Site* s : result_sites(*scope)) {
      const Site& site = *s;
      if (ts_node_named_child_count(site.node) == 0) continue;
      TSNode value = ts_node_named_child(site.node, 0);
      if (syntax::kind(value) == Kind::None) continue;
      if (!agree(result, type_of(value, site.context.scope, depth + 1))) {
        conflict = true;
        break;
      }
    }
    if (conflict) result.reset();
  }
  function_results_[def.id] = result;
  return result;
}

}  // namespace lw::analysis::semantic

#include "analysis/semantic/types.h"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "analysis/syntax/navigation.h"

namespace lw::analysis::semantic {
namespace {

using syntax::Kind;

constexpr int kMaxDepth = 12;
constexpr std::string_view kFactoryPrefix = "factory:";

struct Tables {
  std::unordered_map<std::string_view, std::string> classes, functions, methods, attributes,
      factories;
  std::unordered_set<std::string_view> types;  // every type the catalog produces
  std::unordered_map<std::string_view, std::string> functions_of;  // "name#argument type"
  std::unordered_set<std::string_view> functions_of_names;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
#define LW_CLASS(name, type)       \
  out.classes.emplace(name, type); \
  out.types.insert(type);
#define LW_FUNCTION(name, type)      \
  out.functions.emplace(name, type); \
  out.types.insert(type);
#define LW_METHOD(type, method, result)         \
  out.methods.emplace(type "#" method, result); \
  out.types.insert(type);
#define LW_ATTRIBUTE(type, attribute, result)         \
  out.attributes.emplace(type "#" attribute, result); \
  out.types.insert(type);
#define LW_FACTORY(name, product)       \
  out.factories.emplace(name, product); \
  out.types.insert(product);
#define LW_FUNCTION_OF(name, argument, result)         \
  out.functions_of.emplace(name "#" argument, result); \
  out.functions_of_names.emplace(name);                \
  out.types.insert(result);
#include "analysis/semantic/known_types.inc"
#undef LW_FUNCTION_OF
#undef LW_CLASS
#undef LW_FUNCTION
#undef LW_METHOD
#undef LW_ATTRIBUTE
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

const std::string* find_member(const std::unordered_map<std::string_view, std::string>& m,
                               std::string_view type, std::string_view member) {
  std::string key;
  key.reserve(type.size() + 1 + member.size());
  key.append(type).push_back('#');
  key.append(member);
  return find(m, key);
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

bool same(TSNode a, TSNode b) { return ts_node_eq(a, b); }

bool contains(TSNode outer, std::uint32_t byte) {
  return ts_node_start_byte(outer) <= byte && byte < ts_node_end_byte(outer);
}

// The statement list (block or module) a binding's statement belongs to.
TSNode enclosing_block(TSNode n) {
  for (n = syntax::parent(n); !ts_node_is_null(n); n = syntax::parent(n)) {
    const Kind k = syntax::kind(n);
    if (k == Kind::Block || k == Kind::Module) return n;
  }
  return n;
}

// Where a binding takes effect: after its whole statement's value (`x = f(x)` reads the old x).
std::uint32_t effective_byte(const Binding& b) {
  std::uint32_t at = ts_node_end_byte(b.site);
  if ((b.kind == BindingKind::Assignment || b.kind == BindingKind::WithTarget) &&
      !ts_node_is_null(b.value)) {
    at = std::max(at, ts_node_end_byte(b.value));
  }
  return at;
}

bool is_none_assignment(const Binding& b) {
  return b.kind == BindingKind::Assignment && !b.unpacked && ts_node_is_null(b.annotation) &&
         syntax::kind(b.value) == Kind::None;
}

}  // namespace

const std::string* class_type(std::string_view qn) { return find(tables().classes, qn); }
const std::string* function_type(std::string_view qn) { return find(tables().functions, qn); }
const std::string* factory_product(std::string_view qn) { return find(tables().factories, qn); }
const std::string* method_type(std::string_view receiver_type, std::string_view method) {
  return find_member(tables().methods, receiver_type, method);
}
const std::string* attribute_type(std::string_view receiver_type, std::string_view attribute) {
  return find_member(tables().attributes, receiver_type, attribute);
}
bool is_catalog_type(std::string_view type) { return tables().types.count(type) != 0; }

std::optional<std::string> TypeResolver::type_of(TSNode expr, ScopeId scope) const {
  return type_of(expr, scope, 0);
}

std::optional<std::string> TypeResolver::annotation_type(TSNode annotation, ScopeId scope) const {
  return annotation_type(annotation, scope, 0);
}

std::optional<std::string> TypeResolver::function_result_type(TSNode def) const {
  return function_result_type(def, 0);
}

std::optional<std::string> TypeResolver::member_type(std::string_view type,
                                                     std::string_view name) const {
  return member_type(type, name, 0);
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

// ---- classes of this file ------------------------------------------------------------------

void TypeResolver::index_classes() const {
  if (classes_indexed_) return;
  classes_indexed_ = true;
  const auto& f = syntax::fields();
  for (ScopeId id = 0; id < model_.scope_count(); ++id) {
    if (model_.scope(id).kind != ScopeKind::Class) continue;
    std::string path;
    bool named = true;
    for (ScopeId s = id; s != kModuleScope; s = model_.scope(s).parent) {
      const Scope& sc = model_.scope(s);
      if (sc.kind != ScopeKind::Class || sc.parent == kNoScope) {
        named = false;
        break;
      }
      std::string_view name = syntax::text(syntax::field(sc.node, f.name), model_.source());
      path = path.empty() ? std::string(name) : std::string(name) + "." + path;
    }
    if (!named || path.empty()) continue;
    std::string type = module_.empty() ? path : module_ + "." + path;
    if (const std::string* known = class_type(type)) {
      type_by_class_[id] = *known;  // the library's own definition of a catalog class
      continue;
    }
    class_by_type_.emplace(type, id);
    type_by_class_[id] = std::move(type);
  }
  for (const AttributeAssignment& a : model_.attribute_assignments()) {
    TSNode object = syntax::field(a.target, f.object);
    if (syntax::kind(object) != Kind::Identifier) continue;
    const auto ids = model_.lookup(syntax::text(object, model_.source()), a.context.scope);
    if (ids.size() != 1) continue;
    const Binding& b = model_.binding(ids[0]);
    if (b.kind != BindingKind::Parameter) continue;
    const Scope& method = model_.scope(b.scope);
    if (method.kind != ScopeKind::Function || method.parent == kNoScope) continue;
    if (model_.scope(method.parent).kind != ScopeKind::Class) continue;
    TSNode params = syntax::field(method.node, f.parameters);
    if (ts_node_named_child_count(params) == 0) continue;
    TSNode first = ts_node_named_child(params, 0);
    if (syntax::kind(first) == Kind::TypedParameter) first = ts_node_named_child(first, 0);
    if (!same(first, b.site)) continue;
    std::string_view name = syntax::text(syntax::field(a.target, f.attribute), model_.source());
    self_assignments_[method.parent][name].push_back(&a);
  }
}

std::optional<std::string> TypeResolver::class_type_name(TSNode class_definition) const {
  index_classes();
  auto scope = model_.scope_of(class_definition);
  if (!scope) return std::nullopt;
  auto it = type_by_class_.find(*scope);
  if (it == type_by_class_.end()) return std::nullopt;
  return it->second;
}

TSNode TypeResolver::local_class(std::string_view type) const {
  index_classes();
  auto it = class_by_type_.find(std::string(type));
  if (it == class_by_type_.end()) return TSNode{};
  return model_.scope(it->second).node;
}

const std::vector<const AttributeAssignment*>* TypeResolver::class_assignments(
    ScopeId cls, std::string_view name) const {
  index_classes();
  auto it = self_assignments_.find(cls);
  if (it == self_assignments_.end()) return nullptr;
  auto jt = it->second.find(name);
  return jt == it->second.end() ? nullptr : &jt->second;
}

TSNode TypeResolver::local_attribute_site(std::string_view type, std::string_view name) const {
  TSNode cls = local_class(type);
  if (ts_node_is_null(cls)) return TSNode{};
  auto scope = model_.scope_of(cls);
  if (!scope) return TSNode{};
  const Scope& body = model_.scope(*scope);
  if (auto it = body.names.find(name); it != body.names.end()) {
    return model_.binding(it->second.front()).site;
  }
  if (const auto* assignments = class_assignments(*scope, name)) {
    return assignments->front()->target;
  }
  return TSNode{};
}

std::optional<std::string> TypeResolver::self_type(TSNode receiver, ScopeId scope) const {
  if (syntax::kind(receiver) != Kind::Identifier) return std::nullopt;
  const auto ids = model_.lookup(syntax::text(receiver, model_.source()), scope);
  if (ids.size() != 1) return std::nullopt;
  const Binding& b = model_.binding(ids[0]);
  if (b.kind != BindingKind::Parameter) return std::nullopt;
  const Scope& method = model_.scope(b.scope);
  if (method.kind != ScopeKind::Function || method.parent == kNoScope) return std::nullopt;
  const Scope& cls = model_.scope(method.parent);
  if (cls.kind != ScopeKind::Class) return std::nullopt;
  const auto& f = syntax::fields();
  TSNode params = syntax::field(method.node, f.parameters);
  if (ts_node_named_child_count(params) == 0) return std::nullopt;
  TSNode first = ts_node_named_child(params, 0);
  if (syntax::kind(first) == Kind::TypedParameter) first = ts_node_named_child(first, 0);
  if (!same(first, b.site)) return std::nullopt;
  // A @staticmethod has no `self`.
  TSNode decorated = syntax::parent(method.node);
  if (syntax::kind(decorated) == Kind::DecoratedDefinition) {
    for (TSNode d : syntax::named_children(decorated)) {
      if (syntax::kind(d) != Kind::Decorator) continue;
      if (syntax::text(d, model_.source()).find("staticmethod") != std::string_view::npos) {
        return std::nullopt;
      }
    }
  }
  return class_type_name(cls.node);
}

std::optional<std::string> TypeResolver::local_member_type(TSNode cls_node, std::string_view name,
                                                           int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  auto cls = model_.scope_of(cls_node);
  if (!cls) return std::nullopt;
  std::optional<std::string> agreed;
  bool found = false;
  const Scope& body = model_.scope(*cls);
  if (auto it = body.names.find(name); it != body.names.end()) {
    for (BindingId id : it->second) {
      const Binding& b = model_.binding(id);
      if (b.kind != BindingKind::Assignment && b.kind != BindingKind::Annotation) {
        return std::nullopt;  // a method, a nested class, ...: not a typed value
      }
      found = true;
      if (is_none_assignment(b)) continue;
      if (!agree(agreed, binding_type(b, depth + 1))) return std::nullopt;
    }
  }
  if (const auto* assignments = class_assignments(*cls, name)) {
    for (const AttributeAssignment* a : *assignments) {
      found = true;
      if (ts_node_is_null(a->annotation) && syntax::kind(a->value) == Kind::None) continue;
      std::optional<std::string> t;
      if (!ts_node_is_null(a->annotation)) {
        t = annotation_type(a->annotation, a->context.scope, depth + 1);
      } else {
        t = type_of(a->value, a->context.scope, depth + 1);
      }
      if (!agree(agreed, t)) return std::nullopt;
    }
  }
  if (found) return agreed;
  // Inherited: the first base class that has the attribute.
  TSNode bases = syntax::field(cls_node, syntax::fields().superclasses);
  const ScopeId outer = body.parent;
  for (TSNode base : syntax::named_children(bases)) {
    const Kind k = syntax::kind(base);
    if (k != Kind::Identifier && k != Kind::Attribute) continue;
    std::optional<std::string> base_type;
    if (k == Kind::Identifier) {
      const auto ids = model_.lookup(syntax::text(base, model_.source()), outer);
      if (ids.size() == 1 && model_.binding(ids[0]).kind == BindingKind::Class) {
        base_type = class_type_name(model_.binding(ids[0]).value);
      }
    }
    if (!base_type) {
      if (auto qn = model_.qualified_name(base, outer)) base_type = instance_of(*qn);
    }
    if (!base_type) continue;
    if (auto t = member_type(*base_type, name, depth + 1)) return t;
  }
  return std::nullopt;
}

std::optional<std::string> TypeResolver::member_type(std::string_view type, std::string_view name,
                                                     int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  if (const std::string* t = attribute_type(type, name)) return *t;
  if (is_catalog_type(type)) return std::nullopt;
  std::string key;
  key.reserve(type.size() + 1 + name.size());
  key.append(type).push_back('#');
  key.append(name);
  if (auto it = members_.find(key); it != members_.end()) return it->second;
  members_[key] = std::nullopt;  // in progress: breaks cycles (`self.a = self.b`, bases)
  std::optional<std::string> result;
  if (TSNode cls = local_class(type); !ts_node_is_null(cls)) {
    result = local_member_type(cls, name, depth + 1);
  } else if (workspace_ != nullptr) {
    result = workspace_->attribute_type(type, name);
  }
  members_[key] = result;
  return result;
}

std::optional<std::string> TypeResolver::instance_of(std::string_view qn) const {
  if (const auto* t = class_type(qn)) return *t;
  if (workspace_ != nullptr) return workspace_->instance_type(qn);
  return std::nullopt;
}

// ---- expressions ---------------------------------------------------------------------------

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
    case Kind::NamedExpression:
      return type_of(syntax::field(expr, f.value), scope, depth + 1);
    case Kind::Await:  // `await aiofiles.open(...)`, `await pool.acquire()`: what it resolves to
      if (ts_node_named_child_count(expr) != 1) return std::nullopt;
      return type_of(ts_node_named_child(expr, 0), scope, depth + 1);
    case Kind::BinaryOperator: {
      // `path / "name"` stays a Path.
      auto left = type_of(syntax::field(expr, f.left), scope, depth + 1);
      if (left && *left == "pathlib.Path") return left;
      return std::nullopt;
    }
    case Kind::ConditionalExpression: {
      // `a if c else b`: both branches must agree; a `None` branch does not disagree.
      if (ts_node_named_child_count(expr) != 3) return std::nullopt;
      std::optional<std::string> agreed;
      for (std::uint32_t i : {0U, 2U}) {
        TSNode branch = ts_node_named_child(expr, i);
        if (syntax::kind(branch) == Kind::None) continue;
        if (!agree(agreed, type_of(branch, scope, depth + 1))) return std::nullopt;
      }
      return agreed;
    }
    case Kind::Identifier:
      return identifier_type(expr, scope, depth + 1);
    case Kind::Attribute:
      return attribute_value_type(expr, scope, depth + 1);
    default:
      return std::nullopt;
  }
}

std::vector<BindingId> TypeResolver::reaching(std::span<const BindingId> ids, TSNode use,
                                              ScopeId scope) const {
  std::vector<BindingId> all(ids.begin(), ids.end());
  if (ids.size() < 2 || model_.binding(ids[0]).scope != scope) return all;
  const std::uint32_t at = ts_node_start_byte(use);
  std::vector<BindingId> out;
  for (std::size_t i = ids.size(); i-- > 0;) {
    const Binding& b = model_.binding(ids[i]);
    if (effective_byte(b) > at) continue;
    out.push_back(ids[i]);
    TSNode block = enclosing_block(b.site);
    if (!ts_node_is_null(block) && contains(block, at)) break;  // dominates the use
  }
  // A loop around the use also brings the bindings later in its body (the next iteration).
  TSNode scope_node = model_.scope(scope).node;
  TSNode loop{};
  for (TSNode n = syntax::parent(use); !ts_node_is_null(n) && !same(n, scope_node);
       n = syntax::parent(n)) {
    const Kind k = syntax::kind(n);
    if (k == Kind::ForStatement || k == Kind::WhileStatement) loop = n;
  }
  if (!ts_node_is_null(loop)) {
    for (BindingId id : ids) {
      const Binding& b = model_.binding(id);
      if (effective_byte(b) > at && contains(loop, ts_node_start_byte(b.site))) out.push_back(id);
    }
  }
  if (out.empty()) return all;  // used before any binding here (a loop, or unbound)
  return out;
}

std::optional<std::string> TypeResolver::identifier_type(TSNode expr, ScopeId scope,
                                                         int depth) const {
  if (auto self = self_type(expr, scope)) return self;
  auto ids = model_.lookup(syntax::text(expr, model_.source()), scope);
  if (ids.empty()) return std::nullopt;
  std::optional<std::string> agreed;
  for (BindingId id : reaching(ids, expr, scope)) {
    const Binding& b = model_.binding(id);
    if (is_none_assignment(b)) continue;
    if (!agree(agreed, binding_type(b, depth + 1))) return std::nullopt;
  }
  return agreed;
}

std::string_view TypeResolver::state_attribute(TSNode target, ScopeId scope) const {
  const auto& f = syntax::fields();
  if (syntax::kind(target) != Kind::Attribute) return {};
  TSNode state = syntax::field(target, f.object);
  if (syntax::kind(state) != Kind::Attribute) return {};
  if (syntax::text(syntax::field(state, f.attribute), model_.source()) != "state") return {};
  TSNode owner = syntax::field(state, f.object);
  std::string_view owner_name = syntax::text(owner, model_.source());
  if (syntax::kind(owner) == Kind::Attribute) {  // request.app.state
    owner_name = syntax::text(syntax::field(owner, f.attribute), model_.source());
  }
  bool framework = owner_name == "request" || owner_name == "websocket" || owner_name == "app" ||
                   owner_name == "req" || owner_name == "ws";
  if (!framework) {
    auto t = type_of(owner, scope, kMaxDepth - 2);
    framework =
        t && (*t == "starlette.requests.Request" || *t == "starlette.websockets.WebSocket" ||
              *t == "fastapi.FastAPI" || *t == "starlette.applications.Starlette");
  }
  if (!framework) return {};
  return syntax::text(syntax::field(target, f.attribute), model_.source());
}

std::optional<std::string> TypeResolver::attribute_value_type(TSNode expr, ScopeId scope,
                                                              int depth) const {
  const auto& f = syntax::fields();
  TSNode object = syntax::field(expr, f.object);
  std::string_view name = syntax::text(syntax::field(expr, f.attribute), model_.source());
  if (auto self = self_type(object, scope)) return member_type(*self, name, depth + 1);
  if (workspace_ != nullptr) {
    if (std::string_view state = state_attribute(expr, scope); !state.empty()) {
      return workspace_->state_type(state);
    }
  }
  // A module-level value of another module: `db.engine` after `from app import db`.
  if (workspace_ != nullptr) {
    if (auto qn = model_.qualified_name(expr, scope)) {
      if (auto t = workspace_->value_type(*qn)) return t;
    }
  }
  auto receiver = type_of(object, scope, depth + 1);
  if (!receiver) return std::nullopt;
  return member_type(*receiver, name, depth + 1);
}

std::optional<std::string> TypeResolver::unpacked_type(const Binding& b, int depth) const {
  // `a, b = Path(x), Session()`: the element at the same position of a display.
  TSNode pattern = syntax::parent(b.site);
  switch (syntax::kind(pattern)) {
    case Kind::PatternList:
    case Kind::TuplePattern:
    case Kind::ListPattern:
    case Kind::ExpressionList:
    case Kind::Tuple:
    case Kind::List:
      break;
    default:
      return std::nullopt;
  }
  if (!same(syntax::parent(pattern), syntax::parent(b.value))) return std::nullopt;
  const Kind vk = syntax::kind(b.value);
  if (vk != Kind::ExpressionList && vk != Kind::Tuple && vk != Kind::List) return std::nullopt;
  std::vector<TSNode> targets, values;
  for (TSNode t : syntax::named_children(pattern)) {
    if (syntax::kind(t) == Kind::Comment) continue;
    if (syntax::kind(t) == Kind::ListSplatPattern || syntax::kind(t) == Kind::ListSplat) {
      return std::nullopt;
    }
    targets.push_back(t);
  }
  for (TSNode v : syntax::named_children(b.value)) {
    if (syntax::kind(v) == Kind::Comment) continue;
    if (syntax::kind(v) == Kind::ListSplat) return std::nullopt;
    values.push_back(v);
  }
  if (targets.size() != values.size()) return std::nullopt;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (same(targets[i], b.site)) return type_of(values[i], b.scope, depth + 1);
  }
  return std::nullopt;
}

std::optional<std::string> TypeResolver::binding_type(const Binding& b, int depth) const {
  ScopeId outer = model_.scope(b.scope).parent;
  switch (b.kind) {
    case BindingKind::Assignment: {
      std::optional<std::string> t;
      if (!ts_node_is_null(b.annotation)) t = annotation_type(b.annotation, b.scope, depth);
      if (t) return t;
      if (b.unpacked) return unpacked_type(b, depth);
      return type_of(b.value, b.scope, depth);
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
      if (b.unpacked) return std::nullopt;
      return type_of(b.value, b.scope, depth);
    case BindingKind::Import:
      // `from app.db import engine`: what the other module binds.
      if (workspace_ == nullptr || b.qualified.empty()) return std::nullopt;
      return workspace_->value_type(b.qualified);
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
    // A function or class of another module of the workspace.
    if (workspace_ != nullptr) return workspace_->call_type(*qn);
    return std::nullopt;
  }
  if (syntax::kind(callee) == Kind::Attribute) {
    auto receiver = type_of(syntax::field(callee, f.object), scope, depth + 1);
    if (!receiver) return std::nullopt;
    std::string_view method = syntax::text(syntax::field(callee, f.attribute), model_.source());
    if (const auto* t = method_type(*receiver, method)) return *t;
    if (is_catalog_type(*receiver)) return std::nullopt;
    if (TSNode cls = local_class(*receiver); !ts_node_is_null(cls)) {
      auto cls_scope = model_.scope_of(cls);
      if (!cls_scope) return std::nullopt;
      const Scope& body = model_.scope(*cls_scope);
      auto it = body.names.find(method);
      if (it == body.names.end() || it->second.size() != 1) return std::nullopt;
      const Binding& m = model_.binding(it->second[0]);
      if (m.kind != BindingKind::Function) return std::nullopt;
      return function_result_type(m.value, depth + 1);
    }
    if (workspace_ != nullptr) {
      return workspace_->call_type(*receiver + "." + std::string(method));
    }
    return std::nullopt;
  }
  if (syntax::kind(callee) == Kind::Identifier) {
    auto ids = model_.lookup(syntax::text(callee, model_.source()), scope);
    if (ids.size() == 1 && model_.binding(ids[0]).kind == BindingKind::Function) {
      return function_result_type(model_.binding(ids[0]).value, depth + 1);
    }
    if (ids.size() == 1 && model_.binding(ids[0]).kind == BindingKind::Class) {
      return class_type_name(model_.binding(ids[0]).value);
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
      if (syntax::kind(node) == Kind::Identifier) {
        const auto ids = model_.lookup(syntax::text(node, model_.source()), scope);
        if (ids.size() == 1 && model_.binding(ids[0]).kind == BindingKind::Class) {
          return class_type_name(model_.binding(ids[0]).value);
        }
      }
      auto qn = model_.qualified_name(node, scope);
      if (!qn) return std::nullopt;
      return instance_of(*qn);
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
      // Optional[T], Annotated[T, ...], Iterator[T], Generator[T, ...], Union[T, None];
      // a catalog class with parameters (`IO[str]`) is that class.
      std::uint32_t n = ts_node_named_child_count(node);
      if (n < 2) return std::nullopt;
      TSNode head = ts_node_named_child(node, 0);
      auto qn = model_.qualified_name(head, scope);
      if (qn) {
        if (const auto* t = class_type(*qn)) return *t;
      }
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
  if (syntax::kind(provider) == Kind::Identifier) {
    auto ids = model_.lookup(syntax::text(provider, model_.source()), scope);
    if (ids.size() == 1 && model_.binding(ids[0]).kind == BindingKind::Function) {
      return function_result_type(model_.binding(ids[0]).value, depth + 1);
    }
  }
  // A provider of another module (`Depends(get_db)` after `from app.deps import get_db`).
  if (workspace_ == nullptr) return std::nullopt;
  auto provider_qn = model_.qualified_name(provider, scope);
  if (!provider_qn) return std::nullopt;
  return workspace_->call_type(*provider_qn);
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

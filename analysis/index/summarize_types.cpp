#include "analysis/index/summarize_types.h"

#include <map>

namespace lw::analysis::index {
namespace {

using semantic::BindingKind;
using semantic::kModuleScope;
using semantic::ScopeId;
using semantic::ScopeKind;
using syntax::Kind;

std::string_view last_component(std::string_view qn) {
  auto dot = qn.rfind('.');
  return dot == std::string_view::npos ? qn : qn.substr(dot + 1);
}

TSNode strip(TSNode n) {
  for (int i = 0; i < 16; ++i) {
    const Kind k = syntax::kind(n);
    if ((k == Kind::ParenthesizedExpression || k == Kind::Await || k == Kind::Type) &&
        ts_node_named_child_count(n) == 1) {
      n = ts_node_named_child(n, 0);
      continue;
    }
    break;
  }
  return n;
}

bool is_none(TSNode n) { return syntax::kind(strip(n)) == Kind::None; }

// An imported name, made absolute: "" for builtins and unresolvable relative names.
std::string imported(const RuleContext& ctx, const ModuleIdentity& id, TSNode expr, ScopeId scope) {
  auto qn = ctx.model.qualified_name(expr, scope);
  if (!qn || qn->starts_with("builtins.")) return {};
  return absolutize(*qn, id.module, id.is_package);
}

// A type this file knows ("factory:T" for a factory of T's, kept for module variables).
TypeRef canonical(const std::optional<std::string>& t) { return t ? *t : TypeRef{}; }

TypeRef annotation_ref(const RuleContext& ctx, const ModuleIdentity& id, TSNode node, ScopeId scope,
                       int depth = 0);

TypeRef value_ref_at(const RuleContext& ctx, const ModuleIdentity& id, TSNode value, ScopeId scope,
                     int depth) {
  if (ts_node_is_null(value) || depth > 8) return {};
  if (TypeRef t = canonical(ctx.types.type_of(value, scope)); !t.empty()) return t;
  value = strip(value);
  const auto& f = syntax::fields();
  switch (syntax::kind(value)) {
    case Kind::Call: {
      TSNode callee = syntax::field(value, f.function);
      if (std::string qn = imported(ctx, id, callee, scope); !qn.empty()) return "call:" + qn;
      if (syntax::kind(callee) != Kind::Attribute) return {};
      // `obj.method()` on a receiver whose type another module tells.
      TypeRef receiver = value_ref_at(ctx, id, syntax::field(callee, f.object), scope, depth + 1);
      if (receiver.empty()) return {};
      return "method:" + std::string(ctx.text(syntax::field(callee, f.attribute))) + ":" + receiver;
    }
    case Kind::Identifier: {
      std::string qn = imported(ctx, id, value, scope);
      if (!qn.empty()) return "value:" + qn;
      // A local whose binding names another module's value (`db = open_session()`).
      const auto ids = ctx.model.lookup(ctx.text(value), scope);
      if (ids.size() != 1) return {};
      const semantic::Binding& b = ctx.model.binding(ids[0]);
      if (!ts_node_is_null(b.annotation)) {
        if (TypeRef r = annotation_ref(
                ctx, id, b.annotation,
                b.kind == BindingKind::Parameter ? ctx.model.scope(b.scope).parent : b.scope);
            !r.empty()) {
          return r;
        }
      }
      if (b.kind != BindingKind::Assignment || b.unpacked) return {};
      return value_ref_at(ctx, id, b.value, b.scope, depth + 1);
    }
    case Kind::Attribute: {
      std::string qn = imported(ctx, id, value, scope);
      if (!qn.empty()) return "value:" + qn;
      TSNode object = syntax::field(value, f.object);
      TypeRef receiver;
      if (auto self = ctx.types.self_type(object, scope)) {
        receiver = *self;
      } else {
        receiver = value_ref_at(ctx, id, object, scope, depth + 1);
      }
      if (receiver.empty()) return {};
      return "member:" + std::string(ctx.text(syntax::field(value, f.attribute))) + ":" + receiver;
    }
    default:
      return {};
  }
}

TypeRef annotation_ref(const RuleContext& ctx, const ModuleIdentity& id, TSNode node, ScopeId scope,
                       int depth) {
  if (ts_node_is_null(node) || depth > 8) return {};
  if (TypeRef t = canonical(ctx.types.annotation_type(node, scope)); !t.empty()) return t;
  node = strip(node);
  const auto& f = syntax::fields();
  switch (syntax::kind(node)) {
    case Kind::Identifier:
    case Kind::Attribute: {
      std::string qn = imported(ctx, id, node, scope);
      return qn.empty() ? TypeRef{} : "name:" + qn;
    }
    case Kind::BinaryOperator: {  // X | None
      TSNode left = syntax::field(node, f.left);
      TSNode right = syntax::field(node, f.right);
      if (is_none(right)) return annotation_ref(ctx, id, left, scope, depth + 1);
      if (is_none(left)) return annotation_ref(ctx, id, right, scope, depth + 1);
      return {};
    }
    case Kind::GenericType: {  // Optional[X], Annotated[X, ...]
      if (ts_node_named_child_count(node) < 2) return {};
      TSNode head = ts_node_named_child(node, 0);
      std::string_view name = last_component(syntax::text(head, ctx.source));
      TSNode params = ts_node_named_child(node, 1);
      if (ts_node_named_child_count(params) == 0) return {};
      if (name == "Optional" || name == "Annotated" || name == "Iterator" || name == "Generator" ||
          name == "AsyncIterator" || name == "AsyncGenerator") {
        return annotation_ref(ctx, id, ts_node_named_child(params, 0), scope, depth + 1);
      }
      return {};
    }
    default:
      return {};
  }
}

// Agreement of candidate refs: one non-empty ref, or "" (unknown or disagreeing).
struct Agreement {
  TypeRef ref;
  bool conflict = false;
  bool any = false;
  void add(const TypeRef& r) {
    any = true;
    if (r.empty() || (!ref.empty() && ref != r)) conflict = true;
    if (!conflict) ref = r;
  }
  TypeRef result() const { return conflict ? TypeRef{} : ref; }
};

TypeRef binding_ref(const RuleContext& ctx, const ModuleIdentity& id, const semantic::Binding& b) {
  if (!ts_node_is_null(b.annotation)) {
    if (TypeRef r = annotation_ref(ctx, id, b.annotation, b.scope); !r.empty()) return r;
  }
  if (b.kind == BindingKind::Assignment && !b.unpacked) {
    return value_ref_at(ctx, id, b.value, b.scope, 0);
  }
  return canonical(ctx.types.type_of(b.site, b.scope));
}

bool is_none_value(const semantic::Binding& b) {
  return b.kind == BindingKind::Assignment && !b.unpacked && ts_node_is_null(b.annotation) &&
         is_none(b.value);
}

}  // namespace

TypeRef value_ref(const RuleContext& ctx, const ModuleIdentity& id, TSNode value, ScopeId scope) {
  return value_ref_at(ctx, id, value, scope, 0);
}

TypeRef result_ref(const RuleContext& ctx, const ModuleIdentity& id, TSNode def) {
  if (TypeRef t = canonical(ctx.types.function_result_type(def)); !t.empty()) return t;
  auto scope = ctx.model.scope_of(def);
  if (!scope) return {};
  const ScopeId outer = ctx.model.scope(*scope).parent;
  TSNode ret = syntax::field(def, syntax::fields().return_type);
  if (!ts_node_is_null(ret)) return annotation_ref(ctx, id, ret, outer);
  Agreement agreed;
  for (const semantic::Site& site : ctx.model.sites_in(def)) {
    if (site.kind != Kind::ReturnStatement && site.kind != Kind::Yield) continue;
    if (site.context.function != *scope) continue;
    if (ts_node_named_child_count(site.node) == 0) continue;
    TSNode value = ts_node_named_child(site.node, 0);
    if (is_none(value)) continue;
    agreed.add(value_ref_at(ctx, id, value, site.context.scope, 0));
    if (agreed.conflict) return {};
  }
  return agreed.result();
}

void summarize_types(const RuleContext& ctx, const ModuleIdentity& id, ModuleSummary& out) {
  const auto& model = ctx.model;
  out.reads_state = ctx.source.find(".state.") != std::string_view::npos;
  const auto& f = syntax::fields();
  // Module-level variables.
  for (const auto& [name, ids] : model.scope(kModuleScope).names) {
    Agreement agreed;
    TSNode first{};
    bool value_binding = true;
    for (semantic::BindingId bid : ids) {
      const semantic::Binding& b = model.binding(bid);
      if (b.kind != BindingKind::Assignment && b.kind != BindingKind::Annotation) {
        value_binding = false;
        break;
      }
      if (ts_node_is_null(first)) first = b.site;
      if (is_none_value(b)) continue;
      agreed.add(binding_ref(ctx, id, b));
    }
    if (!value_binding || !agreed.any) continue;
    TypeRef ref = agreed.result();
    if (ref.empty()) continue;
    out.variables.emplace_back(std::string(name), std::move(ref));
    out.origins.push_back(TypeOrigin{std::string(name), range_of(first)});
  }
  // Classes: attributes from the class body and from `self.x = ...` in its methods.
  std::map<std::string, std::map<std::string, Agreement>> attributes;  // class type -> attrs
  std::map<std::string, std::string> first_origin;                     // "Class.attr" seen
  std::vector<std::pair<ScopeId, std::string>> classes;
  for (ScopeId s = 0; s < model.scope_count(); ++s) {
    if (model.scope(s).kind != ScopeKind::Class) continue;
    auto type = ctx.types.class_type_name(model.scope(s).node);
    if (!type || semantic::is_catalog_type(*type)) continue;
    classes.emplace_back(s, *type);
    auto& attrs = attributes[*type];
    for (const auto& [name, ids] : model.scope(s).names) {
      for (semantic::BindingId bid : ids) {
        const semantic::Binding& b = model.binding(bid);
        if (b.kind != BindingKind::Assignment && b.kind != BindingKind::Annotation) {
          attrs[std::string(name)].add({});  // a method or nested class: not a typed value
          continue;
        }
        if (is_none_value(b)) {
          attrs[std::string(name)];
          continue;
        }
        attrs[std::string(name)].add(binding_ref(ctx, id, b));
      }
    }
  }
  std::map<std::string, Agreement> state;
  for (const semantic::AttributeAssignment& a : model.attribute_assignments()) {
    TSNode object = syntax::field(a.target, f.object);
    std::string_view attr = ctx.text(syntax::field(a.target, f.attribute));
    TypeRef ref;
    const bool none = ts_node_is_null(a.annotation) && is_none(a.value);
    if (!none) {
      ref = !ts_node_is_null(a.annotation) ? annotation_ref(ctx, id, a.annotation, a.context.scope)
                                           : value_ref_at(ctx, id, a.value, a.context.scope, 0);
    }
    if (auto self = ctx.types.self_type(object, a.context.scope)) {
      auto it = attributes.find(*self);
      if (it == attributes.end()) continue;
      Agreement& agreement = it->second[std::string(attr)];
      if (!none) agreement.add(ref);
      std::string key = std::string(last_component(*self)) + "." + std::string(attr);
      if (first_origin.emplace(key, "").second) {
        out.origins.push_back(TypeOrigin{key, range_of(a.target)});
      }
      continue;
    }
    std::string_view name = ctx.types.state_attribute(a.target, a.context.scope);
    if (name.empty()) continue;
    if (!none) out.state.emplace_back(std::string(name), ref);
    std::string key = "state." + std::string(name);
    if (first_origin.emplace(key, "").second) {
      out.origins.push_back(TypeOrigin{key, range_of(a.target)});
    }
  }
  for (const auto& [scope, type] : classes) {
    ClassSummary c;
    c.qualified = type;
    TSNode node = model.scope(scope).node;
    c.name_range = range_of(syntax::field(node, f.name));
    const ScopeId outer = model.scope(scope).parent;
    for (TSNode base : syntax::named_children(syntax::field(node, f.superclasses))) {
      const Kind k = syntax::kind(base);
      if (k != Kind::Identifier && k != Kind::Attribute) continue;
      std::string qn;
      if (k == Kind::Identifier) {
        const auto ids = model.lookup(ctx.text(base), outer);
        if (ids.size() == 1 && model.binding(ids[0]).kind == BindingKind::Class) {
          if (auto t = ctx.types.class_type_name(model.binding(ids[0]).value)) qn = *t;
        }
      }
      if (qn.empty()) qn = imported(ctx, id, base, outer);
      if (!qn.empty()) c.bases.push_back(std::move(qn));
    }
    for (const auto& [name, agreement] : attributes[type]) {
      c.attributes.emplace_back(name, agreement.result());
    }
    out.classes.push_back(std::move(c));
  }
}

}  // namespace lw::analysis::index

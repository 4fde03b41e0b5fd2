#include "analysis/semantic/model.h"

#include <algorithm>
#include <array>

namespace lw::analysis::semantic {
namespace {

using syntax::Kind;

bool contains(const std::vector<std::string_view>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool is_none_assignment(const Binding& b) {
  return b.kind == BindingKind::Assignment && !b.unpacked && syntax::kind(b.value) == Kind::None;
}

}  // namespace

bool is_builtin_name(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kNames = {"open", "input",  "print", "len",
                                                              "iter", "next",   "anext", "aiter",
                                                              "sum",  "sorted", "list",  "dict"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::span<const BindingId> SemanticModel::lookup(std::string_view name, ScopeId from) const {
  ScopeId s = from;
  bool own = true;
  while (s != kNoScope && s < scopes_.size()) {
    const Scope& sc = scopes_[s];
    if (sc.kind == ScopeKind::Class && !own) {
      s = sc.parent;
      continue;
    }
    if (contains(sc.globals, name)) {
      s = kModuleScope;
      auto it = scopes_[s].names.find(name);
      if (it == scopes_[s].names.end()) return {};
      return it->second;
    }
    if (!contains(sc.nonlocals, name)) {
      auto it = sc.names.find(name);
      if (it != sc.names.end()) return it->second;
    }
    own = false;
    s = sc.parent;
  }
  return {};
}

std::optional<std::string> SemanticModel::qualified_name(TSNode expr, ScopeId from) const {
  const auto& f = syntax::fields();
  switch (syntax::kind(expr)) {
    case Kind::Identifier: {
      std::string_view name = syntax::text(expr, source_);
      auto ids = lookup(name, from);
      if (ids.empty()) {
        if (is_builtin_name(name)) return "builtins." + std::string(name);
        return std::nullopt;
      }
      const std::string* agreed = nullptr;
      for (BindingId id : ids) {
        const Binding& b = bindings_[id];
        if (b.kind == BindingKind::Import) {
          if (agreed != nullptr && *agreed != b.qualified) return std::nullopt;
          agreed = &b.qualified;
        } else if (!is_none_assignment(b)) {
          return std::nullopt;
        }
      }
      if (agreed == nullptr) return std::nullopt;
      return *agreed;
    }
    case Kind::Attribute: {
      auto base = qualified_name(syntax::field(expr, f.object), from);
      if (!base) return std::nullopt;
      std::string_view attr = syntax::text(syntax::field(expr, f.attribute), source_);
      if (attr.empty()) return std::nullopt;
      base->push_back('.');
      base->append(attr);
      return base;
    }
    case Kind::ParenthesizedExpression:
      if (ts_node_named_child_count(expr) == 1) {
        return qualified_name(ts_node_named_child(expr, 0), from);
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<ScopeId> SemanticModel::scope_of(TSNode scope_node) const {
  auto it = scope_by_node_.find(scope_node.id);
  if (it == scope_by_node_.end()) return std::nullopt;
  return it->second;
}

std::string_view SemanticModel::function_name(const Context& ctx) const {
  if (ctx.function >= scopes_.size()) return {};
  const Scope& s = scopes_[ctx.function];
  if (s.kind == ScopeKind::Lambda) return "<lambda>";
  if (s.kind != ScopeKind::Function) return {};
  return syntax::text(syntax::field(s.node, syntax::fields().name), source_);
}

std::span<const Site> SemanticModel::sites_in(TSNode node) const {
  if (ts_node_is_null(node)) return {};
  const std::uint32_t start = ts_node_start_byte(node);
  const std::uint32_t end = ts_node_end_byte(node);
  const auto by_start = [](const Site& site, std::uint32_t at) {
    return ts_node_start_byte(site.node) < at;
  };
  auto first = std::lower_bound(sites_.begin(), sites_.end(), start, by_start);
  auto last = std::lower_bound(first, sites_.end(), end, by_start);
  return {first, last};
}

}  // namespace lw::analysis::semantic

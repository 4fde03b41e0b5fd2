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
  // Iterative (an attribute chain may be 40,000 links long): descend through `.attr` and
  // single parentheses to the base name, remembering the attributes, then append them.
  const auto& f = syntax::fields();
  std::vector<std::string_view> attributes;  // innermost last
  while (true) {
    const Kind k = syntax::kind(expr);
    if (k == Kind::Attribute) {
      std::string_view attr = syntax::text(syntax::field(expr, f.attribute), source_);
      if (attr.empty()) return std::nullopt;
      attributes.push_back(attr);
      expr = syntax::field(expr, f.object);
    } else if (k == Kind::ParenthesizedExpression && ts_node_named_child_count(expr) == 1) {
      expr = ts_node_named_child(expr, 0);
    } else {
      break;
    }
  }
  if (syntax::kind(expr) != Kind::Identifier) return std::nullopt;
  std::string result;
  std::string_view name = syntax::text(expr, source_);
  auto ids = lookup(name, from);
  if (ids.empty()) {
    if (!is_builtin_name(name)) return std::nullopt;
    result = "builtins." + std::string(name);
  } else {
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
    result = *agreed;
  }
  for (auto it = attributes.rbegin(); it != attributes.rend(); ++it) {
    result.push_back('.');
    result.append(*it);
  }
  return result;
}

void SemanticModel::index_imported_packages() {
  for (const auto& [name, id] : imports_) {
    std::string_view q = bindings_[id].qualified;
    for (std::size_t dot = q.find('.', 1); dot != std::string_view::npos;
         dot = q.find('.', dot + 1)) {
      imported_packages_.emplace_back(q.substr(0, dot));
    }
    imported_packages_.emplace_back(q);
  }
  std::sort(imported_packages_.begin(), imported_packages_.end());
  imported_packages_.erase(std::unique(imported_packages_.begin(), imported_packages_.end()),
                           imported_packages_.end());
}

bool SemanticModel::imports_package(std::string_view package) const {
  return std::binary_search(imported_packages_.begin(), imported_packages_.end(), package,
                            std::less<>{});
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

#include "analysis/semantic/references.h"

#include <string_view>
#include <utility>

#include "analysis/syntax/navigation.h"

namespace lw::analysis::semantic {
namespace {

using syntax::Kind;

constexpr std::uint32_t kMaxDepth = 1000;

bool is_dynamic_scope_access(std::string_view name) {
  return name == "locals" || name == "vars" || name == "eval" || name == "exec";
}

// Walks a subtree and reports every identifier in a read position with the scope it is
// evaluated in and whether it lies in a nested def/lambda/class body.
template <typename OnRead>
class ReadWalker {
 public:
  ReadWalker(const SemanticModel& model, const std::unordered_set<const void*>& binding_sites,
             OnRead on_read)
      : model_(model), binding_sites_(binding_sites), on_read_(std::move(on_read)) {}

  // False when the walk had to stop (nesting too deep).
  bool run(TSNode root, ScopeId scope) {
    walk(root, scope, false, 0, syntax::parent(root), 0);
    return complete_;
  }

 private:
  template <typename Fn>
  static void for_each_child(TSNode node, Fn&& fn) {
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      do {
        TSNode child = ts_tree_cursor_current_node(&cursor);
        if (ts_node_is_named(child)) fn(child, ts_tree_cursor_current_field_id(&cursor));
      } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    ts_tree_cursor_delete(&cursor);
  }

  // `parent` and `field` come from the walk (ts_node_parent costs a descent from the root).
  void identifier(TSNode node, ScopeId scope, bool nested, TSNode parent, TSFieldId field) {
    if (binding_sites_.count(node.id) != 0) return;  // a store, not a read
    const auto& f = syntax::fields();
    switch (syntax::kind(parent)) {
      case Kind::Attribute:
        if (field == f.attribute) return;
        break;
      case Kind::KeywordArgument:
        if (field == f.name) return;
        break;
      case Kind::DottedName:
      case Kind::AliasedImport:
        return;
      default:
        break;
    }
    on_read_(node, scope, nested);
  }

  void parameters(TSNode params, ScopeId outer, bool nested, std::uint32_t depth) {
    const auto& f = syntax::fields();
    for_each_child(params, [&](TSNode p, TSFieldId) {
      switch (syntax::kind(p)) {
        case Kind::DefaultParameter:
          walk(syntax::field(p, f.value), outer, nested, depth + 1, p, f.value);
          break;
        case Kind::TypedDefaultParameter:
          walk(syntax::field(p, f.type), outer, nested, depth + 1, p, f.type);
          walk(syntax::field(p, f.value), outer, nested, depth + 1, p, f.value);
          break;
        case Kind::TypedParameter:
          walk(syntax::field(p, f.type), outer, nested, depth + 1, p, f.type);
          break;
        default:
          break;  // parameter names, splats, separators
      }
    });
  }

  void walk(TSNode node, ScopeId scope, bool nested, std::uint32_t depth, TSNode parent,
            TSFieldId field) {
    if (ts_node_is_null(node)) return;
    if (depth > kMaxDepth) {
      complete_ = false;
      return;
    }
    const auto& f = syntax::fields();
    switch (syntax::kind(node)) {
      case Kind::Identifier:
        identifier(node, scope, nested, parent, field);
        return;
      case Kind::FunctionDefinition:
      case Kind::Lambda:
      case Kind::ClassDefinition: {
        auto inner = model_.scope_of(node);
        if (!inner) {
          complete_ = false;
          return;
        }
        for_each_child(node, [&](TSNode child, TSFieldId child_field) {
          if (child_field == f.body) {
            walk(child, *inner, true, depth + 1, node, child_field);
          } else if (child_field == f.parameters) {
            parameters(child, scope, nested, depth + 1);
          } else if (child_field != f.name) {
            walk(child, scope, nested, depth + 1, node, child_field);
          }
        });
        return;
      }
      case Kind::ListComprehension:
      case Kind::SetComprehension:
      case Kind::DictionaryComprehension:
      case Kind::GeneratorExpression: {
        auto inner = model_.scope_of(node);
        ScopeId s = inner ? *inner : scope;
        for_each_child(node, [&](TSNode child, TSFieldId child_field) {
          walk(child, s, nested, depth + 1, node, child_field);
        });
        return;
      }
      default:
        for_each_child(node, [&](TSNode child, TSFieldId child_field) {
          walk(child, scope, nested, depth + 1, node, child_field);
        });
        return;
    }
  }

  const SemanticModel& model_;
  const std::unordered_set<const void*>& binding_sites_;
  OnRead on_read_;
  bool complete_ = true;
};

}  // namespace

References::References(const SemanticModel& model) : model_(model) {
  for (std::size_t s = 0; s < model_.scope_count(); ++s) {
    for (const auto& entry : model_.scope(static_cast<ScopeId>(s)).names) {
      for (BindingId id : entry.second) {
        const Binding& b = model_.binding(id);
        if (syntax::kind(b.site) == Kind::Identifier) binding_sites_.insert(b.site.id);
      }
    }
  }
}

const References::Reads* References::FunctionReads::find(std::span<const BindingId> ids) const {
  auto it = by_binding.find(ids.data());
  return it == by_binding.end() ? nullptr : &it->second;
}

const References::FunctionReads& References::in_function(ScopeId function) const {
  if (auto it = functions_.find(function); it != functions_.end()) return it->second;
  FunctionReads& out = functions_[function];
  if (function >= model_.scope_count()) {
    out.complete = false;
    return out;
  }
  TSNode body = syntax::field(model_.scope(function).node, syntax::fields().body);
  auto on_read = [&](TSNode node, ScopeId at, bool nested) {
    std::string_view name = syntax::text(node, model_.source());
    if (is_dynamic_scope_access(name)) out.dynamic = true;
    auto ids = model_.lookup(name, at);
    if (ids.empty()) return;
    Reads& reads = out.by_binding[ids.data()];
    if (nested) {
      reads.nested = true;
    } else {
      reads.own.push_back(node);
    }
  };
  ReadWalker walker(model_, binding_sites_, on_read);
  if (!walker.run(body, function)) out.complete = false;
  return out;
}

std::span<const TSNode> References::everywhere(std::span<const BindingId> ids) const {
  if (!file_) {
    file_.emplace(FileReads{});
    auto on_read = [&](TSNode node, ScopeId at, bool) {
      auto found = model_.lookup(syntax::text(node, model_.source()), at);
      if (!found.empty()) file_->by_binding[found.data()].push_back(node);
    };
    ReadWalker walker(model_, binding_sites_, on_read);
    file_->complete = walker.run(model_.scope(kModuleScope).node, kModuleScope);
  }
  auto it = file_->by_binding.find(ids.data());
  if (it == file_->by_binding.end()) return {};
  return it->second;
}

bool References::everywhere_complete() const {
  everywhere({});
  return file_->complete;
}

}  // namespace lw::analysis::semantic

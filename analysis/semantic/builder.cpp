// One cursor walk over the tree that builds scopes, bindings and sites (see model.h).
#include <algorithm>
#include <array>

#include "analysis/semantic/model.h"

namespace lw::analysis::semantic {
namespace {

using syntax::Kind;

constexpr std::uint32_t kMaxDepth = kMaxNestingDepth;

constexpr bool is_recorded_site(Kind k) {
  switch (k) {
    case Kind::Call:
    case Kind::WithStatement:
    case Kind::ForStatement:
    case Kind::WhileStatement:
    case Kind::Await:
    case Kind::FunctionDefinition:
    case Kind::ExceptClause:
    case Kind::ReturnStatement:
    case Kind::Yield:
    case Kind::BreakStatement:
    case Kind::ContinueStatement:
    case Kind::ExpressionStatement:
    case Kind::Decorator:
    case Kind::ForInClause:
    case Kind::Comment:
      return true;
    default:
      return false;
  }
}

bool contains(const std::vector<std::string_view>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string strip_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\\' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

}  // namespace

class Builder {
 public:
  Builder(SemanticModel& model, const TSTree* tree)
      : m_(model), src_(model.source_), f_(syntax::fields()) {
    root_ = ts_tree_root_node(tree);
    cursor_ = ts_tree_cursor_new(root_);
  }
  ~Builder() { ts_tree_cursor_delete(&cursor_); }
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  void run() {
    Scope module;
    module.kind = ScopeKind::Module;
    module.node = root_;
    m_.scopes_.push_back(std::move(module));
    m_.scope_by_node_[root_.id] = kModuleScope;
    visit_children(Context{});
  }

 private:
  TSNode current() const { return ts_tree_cursor_current_node(&cursor_); }

  ScopeId new_scope(ScopeKind kind, ScopeId parent, TSNode node, bool is_async) {
    Scope s;
    s.kind = kind;
    s.parent = parent;
    s.node = node;
    s.is_async = is_async;
    auto id = static_cast<ScopeId>(m_.scopes_.size());
    m_.scopes_.push_back(std::move(s));
    m_.scope_by_node_[node.id] = id;
    return id;
  }

  void bind(ScopeId scope, TSNode ident, Binding b) {
    if (ts_node_is_null(ident)) return;
    std::string_view name = syntax::text(ident, src_);
    if (name.empty()) return;
    Scope& sc = m_.scopes_[scope];
    if (contains(sc.globals, name)) {
      scope = kModuleScope;
    } else if (contains(sc.nonlocals, name)) {
      return;  // binds in an enclosing function: lookup finds it there
    }
    b.scope = scope;
    if (ts_node_is_null(b.site)) b.site = ident;
    auto id = static_cast<BindingId>(m_.bindings_.size());
    if (b.kind == BindingKind::Import) m_.imports_.emplace_back(name, id);
    m_.bindings_.push_back(std::move(b));
    m_.scopes_[scope].names[name].push_back(id);
  }

  // Binds every name of an assignment/for/with target pattern.
  void bind_targets(ScopeId scope, TSNode target, BindingKind kind, TSNode value, bool unpacked,
                    std::uint32_t depth = 0) {
    if (ts_node_is_null(target) || depth > syntax::kMaxTargetDepth) return;
    const Kind k = syntax::kind(target);
    if (k == Kind::Identifier) {
      Binding b;
      b.kind = kind;
      b.value = value;
      b.unpacked = unpacked;
      bind(scope, target, std::move(b));
      return;
    }
    if (syntax::is_target_list(k)) {
      // `(a)` and an `as` target do not unpack; `a, b` and `[a, b]` do.
      const bool inner_unpacked =
          unpacked || (k != Kind::ParenthesizedExpression && k != Kind::AsPatternTarget);
      std::uint32_t n = ts_node_named_child_count(target);
      for (std::uint32_t i = 0; i < n; ++i) {
        bind_targets(scope, ts_node_named_child(target, i), kind, value, inner_unpacked, depth + 1);
      }
    }
    // attribute / subscript targets bind no name
  }

  // Visits the node under the cursor.
  void visit(const Context& ctx) {
    if (depth_ >= kMaxDepth) {
      if (!m_.truncated_) m_.truncated_at_ = current();
      m_.truncated_ = true;
      return;
    }
    TSNode node = current();
    Kind k = syntax::kind(node);
    if (is_recorded_site(k)) {
      m_.sites_.push_back(Site{node, k, ctx});
      m_.site_parents_.push_back(syntax::KnownParent{node, parent_});
    }
    ++depth_;
    switch (k) {
      case Kind::FunctionDefinition:
        visit_function(node, ctx);
        break;
      case Kind::Lambda:
        visit_lambda(node, ctx);
        break;
      case Kind::ClassDefinition:
        visit_class(node, ctx);
        break;
      case Kind::ListComprehension:
      case Kind::SetComprehension:
      case Kind::DictionaryComprehension:
      case Kind::GeneratorExpression: {
        ScopeId q = new_scope(ScopeKind::Comprehension, ctx.scope, node, false);
        visit_children(Context{q, ctx.function, ctx.async_context});
        break;
      }
      case Kind::ForInClause:
        bind_targets(ctx.scope, syntax::field(node, f_.left), BindingKind::ForTarget,
                     syntax::field(node, f_.right), true);
        visit_children(ctx);
        break;
      case Kind::ForStatement:
        bind_targets(ctx.scope, syntax::field(node, f_.left), BindingKind::ForTarget,
                     syntax::field(node, f_.right), true);
        visit_children(ctx);
        break;
      case Kind::Assignment:
        visit_assignment(node, ctx);
        visit_children(ctx);
        break;
      case Kind::AugmentedAssignment:
        bind_targets(ctx.scope, syntax::field(node, f_.left), BindingKind::Other, TSNode{}, false);
        visit_children(ctx);
        break;
      case Kind::NamedExpression: {
        // The walrus binds in the nearest enclosing non-comprehension scope.
        ScopeId s = ctx.scope;
        while (m_.scopes_[s].kind == ScopeKind::Comprehension) s = m_.scopes_[s].parent;
        Binding b;
        b.kind = BindingKind::Assignment;
        b.value = syntax::field(node, f_.value);
        bind(s, syntax::field(node, f_.name), std::move(b));
        visit_children(ctx);
        break;
      }
      case Kind::ImportStatement:
        visit_import(node, ctx);
        break;
      case Kind::ImportFromStatement:
        visit_import_from(node, ctx);
        break;
      case Kind::WithItem:
        visit_with_item(node, ctx);
        visit_children(ctx);
        break;
      case Kind::ExceptClause:
        visit_except(node, ctx);
        visit_children(ctx);
        break;
      case Kind::GlobalStatement:
      case Kind::NonlocalStatement: {
        auto& list = k == Kind::GlobalStatement ? m_.scopes_[ctx.scope].globals
                                                : m_.scopes_[ctx.scope].nonlocals;
        std::uint32_t n = ts_node_named_child_count(node);
        for (std::uint32_t i = 0; i < n; ++i) {
          TSNode id = ts_node_named_child(node, i);
          if (syntax::kind(id) == Kind::Identifier) list.push_back(syntax::text(id, src_));
        }
        break;
      }
      default:
        visit_children(ctx);
        break;
    }
    --depth_;
  }

  void visit_children(const Context& ctx) {
    const TSNode outer = std::exchange(parent_, current());
    if (ts_tree_cursor_goto_first_child(&cursor_)) {
      do {
        if (ts_node_is_named(current())) visit(ctx);
      } while (ts_tree_cursor_goto_next_sibling(&cursor_));
      ts_tree_cursor_goto_parent(&cursor_);
    }
    parent_ = outer;
  }

  // Children of a def/lambda/class: `inner` for the body, `params` for the parameter list
  // (bound in the new scope, defaults and annotations evaluated outside), `outer` otherwise.
  template <typename OnChild>
  void for_each_child(OnChild&& on_child) {
    const TSNode outer = std::exchange(parent_, current());
    if (ts_tree_cursor_goto_first_child(&cursor_)) {
      do {
        if (ts_node_is_named(current())) on_child(ts_tree_cursor_current_field_id(&cursor_));
      } while (ts_tree_cursor_goto_next_sibling(&cursor_));
      ts_tree_cursor_goto_parent(&cursor_);
    }
    parent_ = outer;
  }

  void visit_function(TSNode node, const Context& ctx) {
    bool async = syntax::is_async(node);
    Binding b;
    b.kind = BindingKind::Function;
    b.value = node;
    b.is_async = async;
    bind(ctx.scope, syntax::field(node, f_.name), std::move(b));
    ScopeId s = new_scope(ScopeKind::Function, ctx.scope, node, async);
    Context inner{s, s, async};
    for_each_child([&](TSFieldId field) {
      if (field == f_.body) {
        visit(inner);
      } else if (field == f_.parameters) {
        visit_parameters(s, ctx);
      } else {
        visit(ctx);
      }
    });
  }

  void visit_lambda(TSNode node, const Context& ctx) {
    ScopeId s = new_scope(ScopeKind::Lambda, ctx.scope, node, false);
    Context inner{s, s, false};
    for_each_child([&](TSFieldId field) {
      if (field == f_.body) {
        visit(inner);
      } else if (field == f_.parameters) {
        visit_parameters(s, ctx);
      } else {
        visit(ctx);
      }
    });
  }

  void visit_class(TSNode node, const Context& ctx) {
    Binding b;
    b.kind = BindingKind::Class;
    b.value = node;
    bind(ctx.scope, syntax::field(node, f_.name), std::move(b));
    ScopeId s = new_scope(ScopeKind::Class, ctx.scope, node, false);
    Context inner{s, ctx.function, false};
    for_each_child([&](TSFieldId field) {
      if (field == f_.body) {
        visit(inner);
      } else {
        visit(ctx);
      }
    });
  }

  // The cursor is on a `parameters` / `lambda_parameters` node.
  void visit_parameters(ScopeId inner, const Context& outer) {
    TSNode params = current();
    std::uint32_t n = ts_node_named_child_count(params);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode p = ts_node_named_child(params, i);
      Binding b;
      b.kind = BindingKind::Parameter;
      TSNode ident{};
      switch (syntax::kind(p)) {
        case Kind::Identifier:
          ident = p;
          break;
        case Kind::TypedParameter: {
          b.annotation = syntax::field(p, f_.type);
          TSNode first = ts_node_named_child(p, 0);
          ident = first;
          if (syntax::kind(first) == Kind::ListSplatPattern ||
              syntax::kind(first) == Kind::DictionarySplatPattern) {
            ident = ts_node_named_child(first, 0);
            b.annotation = TSNode{};  // the annotation describes the elements
          }
          break;
        }
        case Kind::DefaultParameter:
          ident = syntax::field(p, f_.name);
          b.default_value = syntax::field(p, f_.value);
          break;
        case Kind::TypedDefaultParameter:
          ident = syntax::field(p, f_.name);
          b.annotation = syntax::field(p, f_.type);
          b.default_value = syntax::field(p, f_.value);
          break;
        case Kind::ListSplatPattern:
        case Kind::DictionarySplatPattern:
          ident = ts_node_named_child(p, 0);
          break;
        default:
          break;
      }
      if (syntax::kind(ident) == Kind::Identifier) bind(inner, ident, std::move(b));
    }
    // Defaults and annotations run in the enclosing scope and context.
    visit_children(outer);
  }

  void visit_assignment(TSNode node, const Context& ctx) {
    TSNode left = syntax::field(node, f_.left);
    TSNode right = syntax::field(node, f_.right);
    TSNode type = syntax::field(node, f_.type);
    if (syntax::kind(left) == Kind::Attribute) {
      m_.attribute_assignments_.push_back(AttributeAssignment{left, right, type, ctx});
      return;
    }
    if (ts_node_is_null(right) && !ts_node_is_null(type)) {
      if (syntax::kind(left) == Kind::Identifier) {
        Binding b;
        b.kind = BindingKind::Annotation;
        b.annotation = type;
        bind(ctx.scope, left, std::move(b));
      }
      return;
    }
    if (syntax::kind(left) == Kind::Identifier) {
      Binding b;
      b.kind = BindingKind::Assignment;
      b.value = right;
      b.annotation = type;
      bind(ctx.scope, left, std::move(b));
      return;
    }
    bind_targets(ctx.scope, left, BindingKind::Assignment, right, true);
  }

  void visit_import(TSNode node, const Context& ctx) {
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode item = ts_node_named_child(node, i);
      Binding b;
      b.kind = BindingKind::Import;
      if (syntax::kind(item) == Kind::DottedName) {
        // `import a.b.c` binds `a`.
        TSNode head = ts_node_named_child(item, 0);
        b.qualified = std::string(syntax::text(head, src_));
        bind(ctx.scope, head, std::move(b));
      } else if (syntax::kind(item) == Kind::AliasedImport) {
        b.qualified = strip_spaces(syntax::text(syntax::field(item, f_.name), src_));
        bind(ctx.scope, syntax::field(item, f_.alias), std::move(b));
      }
    }
  }

  void visit_import_from(TSNode node, const Context& ctx) {
    TSNode module = syntax::field(node, f_.module_name);
    std::string prefix = strip_spaces(syntax::text(module, src_));
    if (prefix.empty()) return;
    if (prefix.back() != '.') prefix.push_back('.');
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode item = ts_node_named_child(node, i);
      if (item.id == module.id) continue;
      Binding b;
      b.kind = BindingKind::Import;
      if (syntax::kind(item) == Kind::DottedName) {
        b.qualified = prefix + strip_spaces(syntax::text(item, src_));
        // `from m import x` binds the last (only) component.
        TSNode last = ts_node_named_child(item, ts_node_named_child_count(item) - 1);
        bind(ctx.scope, last, std::move(b));
      } else if (syntax::kind(item) == Kind::AliasedImport) {
        b.qualified = prefix + strip_spaces(syntax::text(syntax::field(item, f_.name), src_));
        bind(ctx.scope, syntax::field(item, f_.alias), std::move(b));
      }
    }
  }

  void visit_with_item(TSNode node, const Context& ctx) {
    TSNode value = syntax::field(node, f_.value);
    if (syntax::kind(value) != Kind::AsPattern) return;
    TSNode expr = ts_node_named_child(value, 0);
    TSNode alias = syntax::field(value, f_.alias);
    bind_targets(ctx.scope, alias, BindingKind::WithTarget, expr, false);
  }

  void visit_except(TSNode node, const Context& ctx) {
    // `except E as e` binds e; `except A, B:` (Python 3.14) binds nothing.
    TSNode value = syntax::field(node, f_.value);
    if (syntax::kind(value) != Kind::AsPattern) return;
    bind_targets(ctx.scope, syntax::field(value, f_.alias), BindingKind::Other, TSNode{}, false);
  }

  SemanticModel& m_;
  std::string_view src_;
  const syntax::Fields& f_;
  TSNode root_{};
  TSTreeCursor cursor_{};
  TSNode parent_{};  // the node whose children are being visited (the cursor's parent)
  std::uint32_t depth_ = 0;
};

SemanticModel::SemanticModel(const TSTree* tree, std::string_view source) : source_(source) {
  Builder(*this, tree).run();
  index_imported_packages();
}

}  // namespace lw::analysis::semantic

#include "analysis/index/usage.h"

#include <algorithm>

#include "analysis/index/summarize.h"
#include "analysis/index/workspace_index.h"
#include "analysis/rules/function_body.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis::index {
namespace {

using semantic::BindingKind;
using semantic::kModuleScope;
using semantic::ScopeId;
using semantic::ScopeKind;
using syntax::Kind;

TSNode strip(TSNode node) {
  for (int i = 0; i < 64 && syntax::kind(node) == Kind::ParenthesizedExpression &&
                  ts_node_named_child_count(node) == 1;
       ++i) {
    node = ts_node_named_child(node, 0);
  }
  return node;
}

std::string qualify(const ModuleIdentity& id, std::string_view name) {
  if (id.module.empty()) return std::string(name);
  return id.module + "." + std::string(name);
}

// The contents of a plain string literal (`"pkg.mod.f"`), or nullopt.
std::optional<std::string_view> literal(const RuleContext& ctx, TSNode node) {
  if (syntax::kind(node) != Kind::String) return std::nullopt;
  std::string_view t = ctx.text(node);
  auto open = t.find_first_of("'\"");
  if (open == std::string_view::npos || open > 1) return std::nullopt;  // f/b/r prefixes: no
  if (open == 1 && t[0] != 'u' && t[0] != 'U') return std::nullopt;
  char quote = t[open];
  std::size_t q = 0;
  while (open + q < t.size() && t[open + q] == quote) ++q;
  if (q == 2) return std::string_view{};
  if (q != 1 && q != 3) return std::nullopt;
  if (t.size() < open + 2 * q) return std::nullopt;
  return t.substr(open + q, t.size() - open - 2 * q);
}

// The class scope and method def of a def/lambda/comprehension scope inside a method.
std::optional<std::pair<ScopeId, TSNode>> method_of(const semantic::SemanticModel& model,
                                                    ScopeId scope) {
  for (int i = 0; i < 32 && scope != semantic::kNoScope; ++i) {
    const auto& s = model.scope(scope);
    if (s.kind == ScopeKind::Function) {
      if (s.parent == semantic::kNoScope || model.scope(s.parent).kind != ScopeKind::Class) {
        return std::nullopt;
      }
      return std::make_pair(s.parent, s.node);
    }
    if (s.kind != ScopeKind::Lambda && s.kind != ScopeKind::Comprehension) return std::nullopt;
    scope = s.parent;
  }
  return std::nullopt;
}

class UsageCollector {
 public:
  UsageCollector(const RuleContext& ctx, const ModuleIdentity& id, ModuleSummary& out)
      : ctx_(ctx), id_(id), out_(out) {}

  // Reads the sites and scopes the model's one walk recorded (no walk of its own): the
  // calls (arguments handed on, patches), the assignments (under expression statements),
  // the classes (overrides). A site's scope is Python's: parameter defaults and decorators
  // are resolved where they are evaluated.
  void run() {
    const auto& f = syntax::fields();
    for (std::size_t s = 0; s < ctx_.model.scope_count(); ++s) {
      const auto& scope = ctx_.model.scope(static_cast<ScopeId>(s));
      if (scope.kind == ScopeKind::Class) overrides(scope.node, scope.parent);
    }
    for (const semantic::Site& site : ctx_.model.sites()) {
      const ScopeId scope = site.context.scope;
      if (site.kind == Kind::Call) {
        patched(site.node, scope);
        for (TSNode arg : syntax::named_children(syntax::field(site.node, f.arguments))) {
          if (syntax::kind(arg) == Kind::KeywordArgument) arg = syntax::field(arg, f.value);
          use(arg, scope);
        }
      } else if (site.kind == Kind::ExpressionStatement) {
        for (TSNode child : syntax::named_children(site.node)) {
          // `a = b = handler`: each assignment's right side.
          for (int i = 0; i < 256 && syntax::kind(child) == Kind::Assignment; ++i) {
            child = syntax::field(child, f.right);
            use(child, scope);
          }
        }
      }
    }
    std::sort(uses_.begin(), uses_.end());
    uses_.erase(std::unique(uses_.begin(), uses_.end()), uses_.end());
    out_.value_uses = std::move(uses_);
  }

 private:
  // The absolute name `expr` (a name or dotted attribute) denotes, or "".
  std::string resolve(TSNode expr, ScopeId scope) const {
    expr = strip(expr);
    const auto& f = syntax::fields();
    if (auto qn = ctx_.model.qualified_name(expr, scope)) {
      if (qn->starts_with("builtins.")) return {};
      return absolutize(*qn, id_.module, id_.is_package);
    }
    if (syntax::kind(expr) == Kind::Identifier) {
      auto ids = ctx_.model.lookup(ctx_.text(expr), scope);
      if (ids.size() != 1) return {};
      const auto& b = ctx_.model.binding(ids[0]);
      if ((b.kind != BindingKind::Function && b.kind != BindingKind::Class) ||
          b.scope != kModuleScope) {
        return {};
      }
      return qualify(id_, ctx_.text(expr));
    }
    if (syntax::kind(expr) == Kind::Attribute) {
      TSNode object = strip(syntax::field(expr, f.object));
      std::string_view attr = ctx_.text(syntax::field(expr, f.attribute));
      if (syntax::kind(object) == Kind::Identifier) {
        if (auto method = method_of(ctx_.model, scope)) {
          // `self.on_message` handed on: the method of this class.
          TSNode params = syntax::field(method->second, f.parameters);
          if (ts_node_named_child_count(params) > 0) {
            TSNode first = ts_node_named_child(params, 0);
            if (syntax::kind(first) == Kind::TypedParameter) first = ts_node_named_child(first, 0);
            if (ctx_.text(first) == ctx_.text(object)) {
              TSNode cls = ctx_.model.scope(method->first).node;
              return qualify(id_, std::string(ctx_.text(syntax::field(cls, f.name))) + "." +
                                      std::string(attr));
            }
          }
        }
      }
      std::string base = resolve(object, scope);
      if (base.empty()) return {};
      return base + "." + std::string(attr);
    }
    return {};
  }

  void use(TSNode expr, ScopeId scope) {
    expr = strip(expr);
    Kind k = syntax::kind(expr);
    if (k == Kind::Identifier || k == Kind::Attribute) {
      std::string name = resolve(expr, scope);
      if (!name.empty()) uses_.push_back(std::move(name));
      return;
    }
    // A display of callables: `handlers = [on_start, on_stop]`, `{"get": get_item}`.
    if (k == Kind::List || k == Kind::Tuple || k == Kind::Set || k == Kind::Dictionary ||
        k == Kind::Pair) {
      for (TSNode child : syntax::named_children(expr)) {
        if (syntax::kind(child) == Kind::Pair) {
          use(syntax::field(child, syntax::fields().value), scope);
        } else {
          use(child, scope);
        }
      }
    }
  }

  // `monkeypatch.setattr(Service, "fetch", fake)`, `patch.object(Service, "fetch", ...)`:
  // `Service.fetch` is replaced by a double; `setattr("pkg.mod.f", ...)`, `patch("pkg.f")`.
  void patched(TSNode call, ScopeId scope) {
    const auto& f = syntax::fields();
    TSNode callee = strip(syntax::field(call, f.function));
    std::string_view text = ctx_.text(callee);
    bool setattr = text.ends_with(".setattr") || text.ends_with("patch.object");
    bool patch = text == "patch" || text.ends_with(".patch") || text.ends_with("mock.patch");
    if (!setattr && !patch) return;
    std::vector<TSNode> args;
    for (TSNode a : syntax::named_children(syntax::field(call, f.arguments))) {
      if (syntax::kind(a) != Kind::Comment && syntax::kind(a) != Kind::KeywordArgument) {
        args.push_back(a);
      }
    }
    if (args.empty()) return;
    if (auto s = literal(ctx_, args[0])) {
      if (s->find('.') != std::string_view::npos) uses_.emplace_back(*s);
      return;
    }
    if (setattr && args.size() >= 2) {
      auto attr = literal(ctx_, args[1]);
      std::string base = resolve(args[0], scope);
      if (attr && !base.empty()) uses_.push_back(base + "." + std::string(*attr));
    }
  }

  void overrides(TSNode cls, ScopeId outer) {
    const auto& f = syntax::fields();
    TSNode bases = syntax::field(cls, f.superclasses);
    auto cls_scope = ctx_.model.scope_of(cls);
    if (ts_node_is_null(bases) || !cls_scope) return;
    for (TSNode base : syntax::named_children(bases)) {
      Kind k = syntax::kind(base);
      if (k != Kind::Identifier && k != Kind::Attribute) continue;
      std::string name = resolve(base, outer);
      if (name.empty()) continue;
      for (const auto& [method, ids] : ctx_.model.scope(*cls_scope).names) {
        for (auto id : ids) {
          if (ctx_.model.binding(id).kind == BindingKind::Function) {
            uses_.push_back(name + "." + std::string(method));
            break;
          }
        }
      }
    }
  }

  const RuleContext& ctx_;
  const ModuleIdentity& id_;
  ModuleSummary& out_;
  std::vector<std::string> uses_;
};

}  // namespace

bool never_suspends(const RuleContext& ctx, semantic::ScopeId function) {
  const auto& s = ctx.model.scope(function);
  if (s.kind != ScopeKind::Function || !s.is_async) return false;
  semantic::BodyFacts facts = ctx.coroutines.body_facts(function);
  if (facts.any_await_point() || facts.yields) return false;
  TSNode body = syntax::field(s.node, syntax::fields().body);
  for (TSNode stmt : syntax::named_children(body)) {
    if (!is_stub_statement(ctx, stmt)) return true;
  }
  return false;  // a stub: what an implementation does is unknown
}

bool workspace_never_suspends(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  if (ctx.workspace.index == nullptr) return false;
  const semantic::Site* site = nullptr;
  for (const auto& s : ctx.model.sites_in(call)) {
    if (s.kind == Kind::Call && ts_node_eq(s.node, call)) {
      site = &s;
      break;
    }
  }
  if (site == nullptr) return false;
  (void)scope;
  std::string target = call_target(ctx, *site, ctx.workspace.identity);
  if (target.empty()) return false;
  FunctionRef ref = ctx.workspace.index->find_function(target, ctx.workspace.module);
  return ref && ref.function->never_suspends;
}

std::string qualified_name_of(const RuleContext& ctx, TSNode def) {
  const auto& f = syntax::fields();
  auto scope = ctx.model.scope_of(def);
  if (!scope || ctx.workspace.identity.module.empty()) return {};
  ScopeId outer = ctx.model.scope(*scope).parent;
  std::string name(ctx.text(syntax::field(def, f.name)));
  if (outer == kModuleScope) return qualify(ctx.workspace.identity, name);
  const auto& cls = ctx.model.scope(outer);
  if (cls.kind != ScopeKind::Class || cls.parent != kModuleScope) return {};
  return qualify(ctx.workspace.identity,
                 std::string(ctx.text(syntax::field(cls.node, f.name))) + "." + name);
}

std::unordered_set<std::string> workspace_value_uses(const RuleContext& ctx) {
  std::unordered_set<std::string> out;
  if (ctx.workspace.index == nullptr) return out;
  std::unordered_set<std::string_view> uses;  // each name once: many modules use the same
  ctx.workspace.index->for_each_module([&](const ModuleSummary& m) {
    if (ctx.workspace.module != nullptr && m.path == ctx.workspace.module->path) return;
    // A file without a module name (`my-script.py`) is never looked up by name: `check` may
    // load it after this analysis, so reading it would make the result depend on the order.
    if (m.module.empty()) return;
    uses.insert(m.value_uses.begin(), m.value_uses.end());
  });
  for (std::string_view use : uses) {
    std::string name(use);
    // `from pkg import get_redis` where pkg re-exports it from pkg.deps.
    if (FunctionRef ref = ctx.workspace.index->find_function(name, ctx.workspace.module)) {
      out.insert(ref.function->qualified);
    }
    out.insert(std::move(name));
  }
  return out;
}

void summarize_usage(const RuleContext& ctx, const ModuleIdentity& id, ModuleSummary& out) {
  for (auto& fs : out.functions) {
    if (!fs.is_async) continue;
    TSNode root = ctx.model.scope(kModuleScope).node;
    TSNode name =
        ts_node_named_descendant_for_byte_range(root, fs.name_range.start, fs.name_range.end);
    TSNode def = syntax::parent(name);
    if (syntax::kind(def) != Kind::FunctionDefinition) continue;
    if (auto scope = ctx.model.scope_of(def)) fs.never_suspends = never_suspends(ctx, *scope);
  }
  UsageCollector(ctx, id, out).run();
}

}  // namespace lw::analysis::index

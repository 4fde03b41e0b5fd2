#include "analysis/index/summarize.h"

#include <unordered_map>

#include "analysis/index/ordinary_path.h"
#include "analysis/index/summarize_types.h"
#include "analysis/index/usage.h"
#include "analysis/rules/blocking_call.h"
#include "analysis/rules/sync_dependency.h"
#include "analysis/rules/sync_result.h"

namespace lw::analysis::index {
namespace {

using semantic::BindingKind;
using semantic::kModuleScope;
using semantic::ScopeId;
using semantic::ScopeKind;
using syntax::Kind;

std::string qualify(const ModuleIdentity& id, std::string_view name) {
  if (id.module.empty()) return std::string(name);
  return id.module + "." + std::string(name);
}

// The class whose method `function` is (a def directly in a module-level class body).
std::optional<ScopeId> enclosing_class(const semantic::SemanticModel& model, ScopeId function) {
  const auto& fs = model.scope(function);
  if (fs.kind != ScopeKind::Function || fs.parent == semantic::kNoScope) return std::nullopt;
  const auto& cs = model.scope(fs.parent);
  if (cs.kind != ScopeKind::Class || cs.parent != kModuleScope) return std::nullopt;
  return fs.parent;
}

std::string_view def_name(const RuleContext& ctx, TSNode node) {
  return ctx.text(syntax::field(node, syntax::fields().name));
}

// The summary name of a function scope: "func", "Class.method", "Outer.Inner.method",
// "func.<locals>.inner" (nested defs, as Python's __qualname__ spells them); "" when it lies
// in a lambda or comprehension or a class defined inside a function.
std::string function_path(const RuleContext& ctx, ScopeId function, int depth = 0) {
  if (depth > 32) return {};
  const auto& fs = ctx.model.scope(function);
  if (fs.kind != ScopeKind::Function || fs.parent == semantic::kNoScope) return {};
  std::string name(def_name(ctx, fs.node));
  for (ScopeId s = fs.parent;; s = ctx.model.scope(s).parent) {
    const auto& sc = ctx.model.scope(s);
    if (sc.kind == ScopeKind::Module) return name;
    if (sc.kind == ScopeKind::Class) {
      name = std::string(def_name(ctx, sc.node)) + "." + name;
      continue;
    }
    if (sc.kind != ScopeKind::Function) return {};
    if (name.find('.') != std::string::npos) return {};  // a method of a class in a function
    std::string outer = function_path(ctx, s, depth + 1);
    return outer.empty() ? std::string() : outer + ".<locals>." + name;
  }
}

bool first_parameter_is(const RuleContext& ctx, TSNode def, std::string_view name) {
  TSNode params = syntax::field(def, syntax::fields().parameters);
  if (ts_node_named_child_count(params) == 0) return false;
  TSNode first = ts_node_named_child(params, 0);
  if (syntax::kind(first) == Kind::TypedParameter) first = ts_node_named_child(first, 0);
  return syntax::kind(first) == Kind::Identifier && ctx.text(first) == name;
}

// `repo.by_sku()` where `repo` is an instance of a class of the workspace:
// "pkg.repo.Repo.by_sku".
std::string typed_target(const RuleContext& ctx, const semantic::Site& call, TSNode callee) {
  const auto& f = syntax::fields();
  auto type = ctx.types.type_of(syntax::field(callee, f.object), call.context.scope);
  if (!type || semantic::is_catalog_type(*type) || type->find(':') != std::string::npos) {
    return {};
  }
  return *type + "." + std::string(ctx.text(syntax::field(callee, f.attribute)));
}

// LW402 across modules: what a sync function used as a dependency opens, and its own
// dependencies. Generators (`yield db`, the usual shape of a dependency with cleanup) are
// searched for what they open; every function records its `Depends(...)` providers.
void dependency_facts(const RuleContext& ctx, const ModuleIdentity& id, TSNode def, ScopeId scope,
                      FunctionSummary& fs) {
  const ScopeId outer = ctx.model.scope(scope).parent;
  for (TSNode provider : dependency_providers(ctx, def, outer)) {
    std::string name;
    if (syntax::kind(provider) == Kind::Identifier) {
      auto ids = ctx.model.lookup(ctx.text(provider), outer);
      if (ids.size() == 1 && ctx.model.binding(ids[0]).kind == BindingKind::Function &&
          ctx.model.binding(ids[0]).scope == kModuleScope) {
        name = qualify(id, ctx.text(provider));
      }
    }
    if (name.empty()) {
      if (auto qn = ctx.model.qualified_name(provider, outer)) {
        name = absolutize(*qn, id.module, id.is_package);
      }
    }
    if (!name.empty()) fs.dependencies.push_back(std::move(name));
  }
  bool generator = false;
  for (const semantic::Site& s : ctx.model.sites_in(def)) {
    if (s.kind == Kind::Yield && s.context.function == scope) {
      generator = true;
      break;
    }
  }
  if (!generator) return;
  if (auto t = opened_resource(ctx, def)) fs.opens.push_back(*t);
}

// Libraries take their own thread locks around short critical sections (a connection pool's
// fork check, a registry): not a wait for I/O, and not what their callers should move to a
// thread. Waits (`Event.wait`, `Thread.join`, ...) still count.
bool is_library_lock(const BlockingMatch& m) {
  return m.receiver_type.starts_with("threading.") && m.target.ends_with(".acquire");
}

}  // namespace

std::string call_target(const RuleContext& ctx, const semantic::Site& call,
                        const ModuleIdentity& id) {
  const auto& f = syntax::fields();
  TSNode callee = syntax::field(call.node, f.function);
  if (auto qn = ctx.model.qualified_name(callee, call.context.scope)) {
    if (qn->starts_with("builtins.")) return {};
    return absolutize(*qn, id.module, id.is_package);
  }
  if (syntax::kind(callee) == Kind::Identifier) {
    auto ids = ctx.model.lookup(ctx.text(callee), call.context.scope);
    if (ids.size() != 1) return {};
    const auto& b = ctx.model.binding(ids[0]);
    if (b.kind != BindingKind::Function) return {};
    if (b.scope == kModuleScope) return qualify(id, ctx.text(callee));
    // A nested def called directly: "outer.<locals>.inner".
    auto scope = ctx.model.scope_of(b.value);
    if (!scope) return {};
    std::string path = function_path(ctx, *scope);
    return path.empty() ? std::string() : qualify(id, path);
  }
  if (syntax::kind(callee) == Kind::Attribute) {
    TSNode object = syntax::field(callee, f.object);
    if (syntax::kind(object) != Kind::Identifier) return typed_target(ctx, call, callee);
    std::string_view receiver = ctx.text(object);
    if (receiver != "self" && receiver != "cls") return typed_target(ctx, call, callee);
    auto cls = enclosing_class(ctx.model, call.context.function);
    if (!cls) return {};
    const auto& fn = ctx.model.scope(call.context.function);
    if (!first_parameter_is(ctx, fn.node, receiver)) return {};
    std::string_view class_name = def_name(ctx, ctx.model.scope(*cls).node);
    return qualify(id, std::string(class_name) + "." +
                           std::string(ctx.text(syntax::field(callee, f.attribute))));
  }
  return {};
}

ModuleSummary summarize_module(const RuleContext& ctx, const ModuleIdentity& id) {
  ModuleSummary out;
  out.module = id.module;
  out.path = id.path;
  out.is_package = id.is_package;
  out.library = id.library;
  const bool library = !id.library.empty();
  std::unordered_map<ScopeId, std::size_t> by_scope;  // function scope -> summary index
  std::unordered_map<ScopeId, TSNode> defs;           // (libraries) function scope -> def
  for (const auto& site : ctx.model.sites()) {
    if (site.kind == Kind::FunctionDefinition) {
      auto scope = ctx.model.scope_of(site.node);
      if (!scope) continue;
      std::string name = function_path(ctx, *scope);
      if (name.empty()) continue;  // in a lambda, a comprehension or a class inside a function
      FunctionSummary fs;
      fs.qualified = qualify(id, name);
      fs.name = std::move(name);
      fs.is_async = syntax::is_async(site.node);
      fs.is_coroutine = ctx.coroutines.is_coroutine_function(site.node);
      fs.name_range = range_of(syntax::field(site.node, syntax::fields().name));
      fs.result = result_ref(ctx, id, site.node);
      if (!fs.is_async) {
        dependency_facts(ctx, id, site.node, *scope, fs);
        // Only a name bound once: `fetch = sync_to_async(fetch)` makes it awaitable.
        if (fs.name.find('.') == std::string::npos &&
            ctx.model.lookup(fs.name, kModuleScope).size() == 1) {
          fs.never_awaitable = never_awaitable_result(ctx, site.node, kModuleScope).value_or("");
        }
      }
      // A memoised library function does its work once: its calls are not followed.
      if (library && is_memoised(ctx, site.node, ctx.model.scope(*scope).parent)) {
        out.functions.push_back(std::move(fs));
        continue;
      }
      by_scope.emplace(*scope, out.functions.size());
      if (library) defs.emplace(*scope, site.node);
      out.functions.push_back(std::move(fs));
    } else if (site.kind == Kind::Call) {
      auto it = by_scope.find(site.context.function);
      if (it == by_scope.end()) continue;
      FunctionSummary& fs = out.functions[it->second];
      if (fs.is_async) continue;  // only sync functions are followed
      if (library && !on_ordinary_path(ctx, site.node, defs.at(site.context.function))) continue;
      if (!fs.blocking) {
        if (auto m = match_blocking_call(ctx, site.node, site.context.scope)) {
          if (library && is_library_lock(*m)) continue;
          fs.blocking = BlockingCall{m->rule, m->name, range_of(site.node)};
          continue;
        }
      }
      std::string target = call_target(ctx, site, id);
      if (!target.empty()) {
        fs.calls.push_back(CallEdge{std::move(target), range_of(site.node), {}, {}});
        continue;
      }
      // A method of a receiver typed by another module: the reader resolves it.
      TSNode callee = syntax::field(site.node, syntax::fields().function);
      if (syntax::kind(callee) != Kind::Attribute) continue;
      TypeRef receiver =
          value_ref(ctx, id, syntax::field(callee, syntax::fields().object), site.context.scope);
      if (receiver.find(':') == std::string::npos) continue;
      fs.calls.push_back(
          CallEdge{{},
                   range_of(site.node),
                   std::move(receiver),
                   std::string(ctx.text(syntax::field(callee, syntax::fields().attribute)))});
    }
  }
  for (const auto& [name, ids] : ctx.model.scope(kModuleScope).names) {
    if (ids.size() != 1) continue;
    const auto& b = ctx.model.binding(ids[0]);
    if (b.kind != BindingKind::Import) continue;
    std::string target = absolutize(b.qualified, id.module, id.is_package);
    if (!target.empty()) out.imports.emplace_back(std::string(name), std::move(target));
  }
  summarize_types(ctx, id, out);
  summarize_usage(ctx, id, out);  // never_suspends, value_uses (index/usage.h)
  return out;
}

}  // namespace lw::analysis::index

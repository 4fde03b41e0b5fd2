#include "analysis/index/summarize.h"

#include <unordered_map>

#include "analysis/index/usage.h"
#include "analysis/rules/blocking_call.h"

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

bool first_parameter_is(const RuleContext& ctx, TSNode def, std::string_view name) {
  TSNode params = syntax::field(def, syntax::fields().parameters);
  if (ts_node_named_child_count(params) == 0) return false;
  TSNode first = ts_node_named_child(params, 0);
  if (syntax::kind(first) == Kind::TypedParameter) first = ts_node_named_child(first, 0);
  return syntax::kind(first) == Kind::Identifier && ctx.text(first) == name;
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
    if (b.kind != BindingKind::Function || b.scope != kModuleScope) return {};
    return qualify(id, ctx.text(callee));
  }
  if (syntax::kind(callee) == Kind::Attribute) {
    TSNode object = syntax::field(callee, f.object);
    if (syntax::kind(object) != Kind::Identifier) return {};
    std::string_view receiver = ctx.text(object);
    if (receiver != "self" && receiver != "cls") return {};
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
  std::unordered_map<ScopeId, std::size_t> by_scope;  // function scope -> summary index
  for (const auto& site : ctx.model.sites()) {
    if (site.kind == Kind::FunctionDefinition) {
      auto scope = ctx.model.scope_of(site.node);
      if (!scope) continue;
      std::string name(def_name(ctx, site.node));
      if (site.context.scope != kModuleScope) {
        auto cls = enclosing_class(ctx.model, *scope);
        if (!cls || *cls != site.context.scope) continue;  // nested functions are not indexed
        name = std::string(def_name(ctx, ctx.model.scope(*cls).node)) + "." + name;
      }
      FunctionSummary fs;
      fs.qualified = qualify(id, name);
      fs.name = std::move(name);
      fs.is_async = syntax::is_async(site.node);
      fs.is_coroutine = ctx.coroutines.is_coroutine_function(site.node);
      fs.name_range = range_of(syntax::field(site.node, syntax::fields().name));
      by_scope.emplace(*scope, out.functions.size());
      out.functions.push_back(std::move(fs));
    } else if (site.kind == Kind::Call) {
      auto it = by_scope.find(site.context.function);
      if (it == by_scope.end()) continue;
      FunctionSummary& fs = out.functions[it->second];
      if (fs.is_async) continue;  // only sync functions are followed
      if (!fs.blocking) {
        if (auto m = match_blocking_call(ctx, site.node, site.context.scope)) {
          fs.blocking = BlockingCall{m->rule, m->name, range_of(site.node)};
          continue;
        }
      }
      std::string target = call_target(ctx, site, id);
      if (!target.empty()) fs.calls.push_back(CallEdge{std::move(target), range_of(site.node)});
    }
  }
  for (const auto& [name, ids] : ctx.model.scope(kModuleScope).names) {
    if (ids.size() != 1) continue;
    const auto& b = ctx.model.binding(ids[0]);
    if (b.kind != BindingKind::Import) continue;
    std::string target = absolutize(b.qualified, id.module, id.is_package);
    if (!target.empty()) out.imports.emplace_back(std::string(name), std::move(target));
  }
  summarize_usage(ctx, id, out);  // never_suspends, value_uses (index/usage.h)
  return out;
}

}  // namespace lw::analysis::index

#include "analysis/rules/async_helpers.h"

#include <algorithm>
#include <array>

#include "analysis/semantic/resources.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis::async_helpers {
namespace {

using syntax::Kind;

void collect_reads_impl(const RuleContext& ctx, TSNode node, std::vector<std::string_view>& out,
                        std::uint32_t depth) {
  if (ts_node_is_null(node) || depth > 400) return;
  const auto& f = syntax::fields();
  switch (syntax::kind(node)) {
    case Kind::Identifier:
      out.push_back(ctx.text(node));
      return;
    case Kind::Attribute:
      collect_reads_impl(ctx, syntax::field(node, f.object), out, depth + 1);
      return;
    case Kind::KeywordArgument:
      collect_reads_impl(ctx, syntax::field(node, f.value), out, depth + 1);
      return;
    default:
      break;
  }
  for (TSNode child : syntax::named_children(node)) {
    collect_reads_impl(ctx, child, out, depth + 1);
  }
}

}  // namespace

TSNode unparenthesize(TSNode node) {
  for (int i = 0; i < 64 && syntax::kind(node) == Kind::ParenthesizedExpression &&
                  ts_node_named_child_count(node) == 1;
       ++i) {
    node = ts_node_named_child(node, 0);
  }
  return node;
}

TSNode awaiting(TSNode call) {
  TSNode parent = syntax::parent(call);
  for (int i = 0; i < 64 && syntax::kind(parent) == Kind::ParenthesizedExpression; ++i) {
    parent = syntax::parent(parent);
  }
  return syntax::kind(parent) == Kind::Await ? parent : TSNode{};
}

std::vector<TSNode> arguments(TSNode call) {
  std::vector<TSNode> out;
  TSNode args = syntax::field(call, syntax::fields().arguments);
  if (syntax::kind(args) != Kind::ArgumentList) return out;
  std::uint32_t n = ts_node_named_child_count(args);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode a = ts_node_named_child(args, i);
    if (syntax::kind(a) != Kind::Comment) out.push_back(a);
  }
  return out;
}

TSNode positional_argument(TSNode call, std::uint32_t index) {
  std::uint32_t seen = 0;
  for (TSNode a : arguments(call)) {
    Kind k = syntax::kind(a);
    if (k == Kind::KeywordArgument || k == Kind::ListSplat || k == Kind::DictionarySplat) {
      if (k == Kind::ListSplat) return TSNode{};  // positions after `*xs` are unknown
      continue;
    }
    if (seen++ == index) return a;
  }
  return TSNode{};
}

TSNode keyword_argument(const RuleContext& ctx, TSNode call, std::string_view name) {
  const auto& f = syntax::fields();
  for (TSNode a : arguments(call)) {
    if (syntax::kind(a) == Kind::KeywordArgument && ctx.text(syntax::field(a, f.name)) == name) {
      return syntax::field(a, f.value);
    }
  }
  return TSNode{};
}

void collect_reads(const RuleContext& ctx, TSNode expr, std::vector<std::string_view>& out) {
  collect_reads_impl(ctx, expr, out, 0);
}

bool reads_any(const RuleContext& ctx, TSNode expr, const std::vector<std::string_view>& names) {
  if (names.empty()) return false;
  std::vector<std::string_view> reads;
  collect_reads(ctx, expr, reads);
  for (auto r : reads) {
    if (std::find(names.begin(), names.end(), r) != names.end()) return true;
  }
  return false;
}

std::optional<std::string> callee_name(const RuleContext& ctx, TSNode call,
                                       semantic::ScopeId scope) {
  return ctx.model.qualified_name(syntax::field(call, syntax::fields().function), scope);
}

bool is_sleep_call(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  auto qn = callee_name(ctx, call, scope);
  return qn && (*qn == "asyncio.sleep" || *qn == "anyio.sleep" || *qn == "trio.sleep");
}

// `create_order`, `client.post`, `repo.save_all`, `sendMessage`: a call whose name starts with
// a verb that changes state. Sequentially it only runs when the awaits before it succeeded;
// in a gather it runs even when they fail (an authorisation check, a lookup that raises).
bool is_write_name(std::string_view name) { return semantic::ResourceModel::is_write_verb(name); }

bool is_module_reference(const RuleContext& ctx, TSNode expr, semantic::ScopeId scope) {
  expr = unparenthesize(expr);
  while (syntax::kind(expr) == Kind::Attribute) {
    expr = unparenthesize(syntax::field(expr, syntax::fields().object));
  }
  if (syntax::kind(expr) != Kind::Identifier) return false;
  auto ids = ctx.model.lookup(ctx.text(expr), scope);
  if (ids.empty()) return false;
  for (auto id : ids) {
    const auto& b = ctx.model.binding(id);
    if (b.kind != semantic::BindingKind::Import) return false;
    for (TSNode p = syntax::parent(b.site); !ts_node_is_null(p); p = syntax::parent(p)) {
      Kind k = syntax::kind(p);
      if (k == Kind::ImportFromStatement || k == Kind::FutureImportStatement) return false;
      if (k == Kind::ImportStatement) break;
    }
  }
  return true;
}

TSNode function_named(const RuleContext& ctx, TSNode identifier, semantic::ScopeId scope) {
  if (syntax::kind(identifier) != Kind::Identifier) return TSNode{};
  auto ids = ctx.model.lookup(ctx.text(identifier), scope);
  if (ids.size() != 1) return TSNode{};
  const auto& b = ctx.model.binding(ids[0]);
  if (b.kind != semantic::BindingKind::Function) return TSNode{};
  return b.value;
}

TSNode called_function(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  TSNode callee = unparenthesize(syntax::field(call, f.function));
  if (syntax::kind(callee) == Kind::Identifier) return function_named(ctx, callee, scope);
  if (syntax::kind(callee) != Kind::Attribute) return TSNode{};
  TSNode object = syntax::field(callee, f.object);
  std::string_view self = ctx.text(object);
  if (syntax::kind(object) != Kind::Identifier || (self != "self" && self != "cls")) {
    return TSNode{};
  }
  // The method's class: the class scope right around the function that uses `self`.
  semantic::ScopeId s = scope;
  while (s != semantic::kNoScope && ctx.model.scope(s).kind != semantic::ScopeKind::Function) {
    s = ctx.model.scope(s).parent;
  }
  if (s == semantic::kNoScope) return TSNode{};
  semantic::ScopeId cls = ctx.model.scope(s).parent;
  if (cls == semantic::kNoScope || ctx.model.scope(cls).kind != semantic::ScopeKind::Class) {
    return TSNode{};
  }
  const auto& names = ctx.model.scope(cls).names;
  auto it = names.find(ctx.text(syntax::field(callee, f.attribute)));
  if (it == names.end() || it->second.size() != 1) return TSNode{};
  const auto& b = ctx.model.binding(it->second[0]);
  return b.kind == semantic::BindingKind::Function ? b.value : TSNode{};
}

TSNode function_node(const RuleContext& ctx, const semantic::Context& context) {
  if (context.function == semantic::kModuleScope) return TSNode{};
  const auto& s = ctx.model.scope(context.function);
  return s.kind == semantic::ScopeKind::Function ? s.node : TSNode{};
}

bool in_route_handler(const RuleContext& ctx, const semantic::Context& context) {
  TSNode def = function_node(ctx, context);
  return !ts_node_is_null(def) && ctx.framework.is_route_handler(def);
}

bool is_concurrency_safe_type(std::string_view type) {
  return semantic::ResourceModel::is_concurrency_safe_type(type);
}

bool is_stateful_value(const RuleContext& ctx, TSNode identifier, semantic::ScopeId scope) {
  if (syntax::kind(identifier) != Kind::Identifier) return false;
  if (auto t = ctx.types.type_of(identifier, scope)) {
    return semantic::ResourceModel::is_session_like_type(*t);
  }
  return semantic::ResourceModel::is_session_like_name(ctx.text(identifier));
}

bool is_trio_program(const RuleContext& ctx) {
  bool trio = false;
  for (std::size_t i = 0; i < ctx.model.scope_count(); ++i) {
    for (const auto& [name, ids] : ctx.model.scope(static_cast<semantic::ScopeId>(i)).names) {
      for (auto id : ids) {
        const auto& b = ctx.model.binding(id);
        if (b.kind != semantic::BindingKind::Import) continue;
        std::string_view q = b.qualified;
        if (q == "asyncio" || q.starts_with("asyncio.")) return false;
        if (q == "trio" || q.starts_with("trio.")) trio = true;
      }
    }
  }
  return trio;
}

TSNode thread_offloaded_function(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  if (auto qn = callee_name(ctx, call, scope)) {
    if (*qn == "asyncio.to_thread" || *qn == "anyio.to_thread.run_sync" ||
        *qn == "starlette.concurrency.run_in_threadpool" ||
        *qn == "fastapi.concurrency.run_in_threadpool") {
      return positional_argument(call, 0);
    }
    return TSNode{};
  }
  TSNode callee = syntax::field(call, f.function);
  if (syntax::kind(callee) != Kind::Attribute ||
      ctx.text(syntax::field(callee, f.attribute)) != "run_in_executor") {
    return TSNode{};
  }
  TSNode executor = positional_argument(call, 0);
  if (syntax::kind(executor) != Kind::None) return TSNode{};
  return positional_argument(call, 1);
}

std::optional<std::string_view> indentation_before(std::string_view source, std::uint32_t offset) {
  if (offset > source.size()) return std::nullopt;
  std::uint32_t start = offset;
  while (start > 0 && source[start - 1] != '\n' && source[start - 1] != '\r') --start;
  std::string_view indent = source.substr(start, offset - start);
  if (indent.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  return indent;
}

}  // namespace lw::analysis::async_helpers

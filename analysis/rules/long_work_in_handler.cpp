#include "analysis/rules/long_work_in_handler.h"

#include <optional>
#include <string>

#include "analysis/rules/async_helpers.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

// Slow side work, by qualified function name or by receiver type and method.
struct SlowCall {
  std::string_view type;  // empty for a module function
  std::string_view name;  // function qualified name, or method name
};
constexpr SlowCall kSlowCalls[] = {
    {"", "aiosmtplib.send"},
    {"", "aiosmtplib.api.send"},
    {"aiosmtplib.SMTP", "send_message"},
    {"aiosmtplib.SMTP", "sendmail"},
    {"fastapi_mail.FastMail", "send_message"},
};
// Modules whose use in a thread is slow side work (mail delivery).
constexpr std::string_view kSlowModules[] = {"smtplib."};
constexpr std::string_view kSlowTypes[] = {"smtplib.SMTP"};

bool slow_qualified(std::string_view qn) {
  for (auto m : kSlowModules) {
    if (qn.starts_with(m)) return true;
  }
  return false;
}

bool slow_type(std::string_view type) {
  for (auto t : kSlowTypes) {
    if (type == t) return true;
  }
  return false;
}

std::optional<std::string> slow_direct_call(const RuleContext& ctx, TSNode call,
                                            semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  TSNode callee = syntax::field(call, f.function);
  if (auto qn = ctx.model.qualified_name(callee, scope)) {
    for (const auto& s : kSlowCalls) {
      if (s.type.empty() && s.name == *qn) return *qn;
    }
    return std::nullopt;
  }
  if (syntax::kind(callee) != Kind::Attribute) return std::nullopt;
  auto type = ctx.types.type_of(syntax::field(callee, f.object), scope);
  if (!type) return std::nullopt;
  std::string_view method = ctx.text(syntax::field(callee, f.attribute));
  for (const auto& s : kSlowCalls) {
    if (s.type == *type && s.name == method) return *type + "." + std::string(method);
  }
  return std::nullopt;
}

// A function handed to a thread that does mail work: `smtplib.*`, a method of an
// `smtplib.SMTP`, or a function of the file whose body (or a helper's) uses smtplib.
bool slow_in_thread(const RuleContext& ctx, TSNode fn, semantic::ScopeId scope, int depth) {
  const auto& f = syntax::fields();
  fn = h::unparenthesize(fn);
  if (depth > 2 || ts_node_is_null(fn)) return false;
  if (auto qn = ctx.model.qualified_name(fn, scope)) return slow_qualified(*qn);
  if (syntax::kind(fn) == Kind::Attribute) {
    auto type = ctx.types.type_of(syntax::field(fn, f.object), scope);
    return type && slow_type(*type);
  }
  TSNode def = h::function_named(ctx, fn, scope);
  if (ts_node_is_null(def)) return false;
  auto inner = ctx.model.scope_of(def);
  if (!inner) return false;
  bool slow = false;
  h::walk_function_body(syntax::field(def, f.body), [&](TSNode n) {
    if (slow) return false;
    if (syntax::kind(n) != Kind::Call) return true;
    TSNode callee = syntax::field(n, f.function);
    if (auto qn = ctx.model.qualified_name(callee, *inner)) {
      slow = slow_qualified(*qn);
    } else if (syntax::kind(callee) == Kind::Attribute) {
      auto type = ctx.types.type_of(syntax::field(callee, f.object), *inner);
      slow = type && slow_type(*type);
    } else if (syntax::kind(callee) == Kind::Identifier) {
      slow = slow_in_thread(ctx, callee, *inner, depth + 1);
    }
    return !slow;
  });
  return slow;
}

// The failure is handled in the handler (`try: ... except ...:`): the response depends on it.
bool guarded_by_except(TSNode node, TSNode function) {
  const auto& f = syntax::fields();
  TSNode child = node;
  for (TSNode p = syntax::parent(node); !ts_node_is_null(p) && p.id != function.id;
       child = p, p = syntax::parent(p)) {
    if (syntax::kind(p) != Kind::TryStatement || syntax::field(p, f.body).id != child.id) {
      continue;
    }
    std::uint32_t n = ts_node_named_child_count(p);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (syntax::kind(ts_node_named_child(p, i)) == Kind::ExceptClause) return true;
    }
  }
  return false;
}

}  // namespace

void check_long_work_in_handler(const RuleContext& ctx, const semantic::Site& site,
                                DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW306) || !site.context.async_context) return;
  if (!h::in_route_handler(ctx, site.context)) return;
  TSNode await = h::awaiting(site.node);
  if (ts_node_is_null(await)) return;
  TSNode stmt = syntax::parent(await);
  if (syntax::kind(stmt) != Kind::ExpressionStatement) return;  // the result is used
  TSNode function = h::function_node(ctx, site.context);
  if (guarded_by_except(stmt, function)) return;

  std::string note;
  std::optional<std::string> what = slow_direct_call(ctx, site.node, site.context.scope);
  if (!what) {
    TSNode fn = h::thread_offloaded_function(ctx, site.node, site.context.scope);
    if (ts_node_is_null(fn) || !slow_in_thread(ctx, fn, site.context.scope, 0)) return;
    what = std::string(ctx.text(fn));
    note = " (mail delivery in a thread)";
  }
  if (what->size() > 60 || what->find('\n') != std::string::npos) what = "...";
  Diagnostic d;
  d.rule = RuleId::LW306;
  d.severity = rule_info(RuleId::LW306).default_severity;
  d.range = range_of(site.node);
  d.message = "Route handler `" + std::string(ctx.model.function_name(site.context)) +
              "` waits for slow side work `" + *what + "`" + note +
              " before responding; hand it to `BackgroundTasks` "
              "(`background_tasks.add_task(...)`) so the response is sent first";
  out.report(std::move(d));
}

}  // namespace lw::analysis

#include "analysis/rules/control_flow_in_taskgroup.h"

#include <string>

#include "analysis/rules/cancel_scopes.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using cancel_scopes::find_scope_api;
using cancel_scopes::is_scope_boundary;
using cancel_scopes::ScopeApi;
using cancel_scopes::ScopeApiKind;
using syntax::Kind;

bool is_loop(TSNode node) {
  Kind k = syntax::kind(node);
  return k == Kind::ForStatement || k == Kind::WhileStatement;
}

}  // namespace

void check_control_flow_in_taskgroup(const RuleContext& ctx, const semantic::Site& site,
                                     DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW504)) return;
  bool is_return = site.kind == Kind::ReturnStatement;
  const auto& body_field = syntax::fields().body;

  // Walk out from the statement to its function; stop at the loop a break/continue belongs
  // to (the loop whose *body* holds it: one in a loop's `else:` belongs further out).
  std::optional<ScopeApi> api;
  TSNode child = site.node;
  for (TSNode n = syntax::parent(site.node); !ts_node_is_null(n);
       child = n, n = syntax::parent(n)) {
    if (is_scope_boundary(n)) break;
    bool in_body = ts_node_eq(child, syntax::field(n, body_field));
    if (!is_return && is_loop(n) && in_body) break;
    if (syntax::kind(n) == Kind::WithStatement && in_body) {
      api = find_scope_api(ctx, n, site.context.scope, ScopeApiKind::TaskGroup);
      if (api) break;
    }
  }
  if (!api) return;

  std::string_view keyword = is_return                           ? "return"
                             : site.kind == Kind::BreakStatement ? "break"
                                                                 : "continue";
  Diagnostic d;
  d.rule = RuleId::LW504;
  d.severity = rule_info(RuleId::LW504).default_severity;
  d.range = range_of(site.node);
  std::string what = "`async with " + std::string(api->name) + "()`";
  d.message = "`" + std::string(keyword) + "` inside " + what +
              " does not leave early: the block still waits for every child task before the " +
              std::string(is_return ? "function returns" : "loop moves on") +
              "; cancel the remaining tasks first if you mean to stop them, or move the `" +
              std::string(keyword) + "` after the block";
  out.report(std::move(d));
}

}  // namespace lw::analysis

#include "analysis/rules/yield_in_taskgroup_or_timeout.h"

#include <string>

#include "analysis/rules/async_generators.h"
#include "analysis/rules/cancel_scopes.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using cancel_scopes::ScopeApi;
using cancel_scopes::ScopeApiKind;

}  // namespace

void check_yield_in_taskgroup_or_timeout(const RuleContext& ctx, const semantic::Site& site,
                                         DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW502)) return;
  const auto& scope = ctx.model.scope(site.context.function);
  if (scope.kind != semantic::ScopeKind::Function || !scope.is_async) return;
  TSNode def = scope.node;

  // The innermost enclosing with-statement (between the yield and its function) whose body
  // holds the yield and that enters a task group or a cancel scope.
  const std::optional<ScopeApi> api =
      scope_api_of_blocks(ctx, with_blocks_holding(site.node, def), site.context.scope);
  if (!api) return;
  if (is_context_manager_generator(ctx, def, scope.parent)) return;

  Diagnostic d;
  d.rule = RuleId::LW502;
  d.severity = rule_info(RuleId::LW502).default_severity;
  d.range = range_of(site.node);
  std::string fn(ctx.model.function_name(site.context));
  std::string what = "`" + std::string(api->name) + "()`";
  if (api->kind == ScopeApiKind::TaskGroup) {
    d.message = "`yield` inside " + what + " in async generator `" + fn +
                "`: while the generator is suspended the consumer's code runs inside the task "
                "group, so a failing child task cancels whatever the consumer is awaiting; "
                "collect the results first and yield after the block, or make `" +
                fn + "` an `@asynccontextmanager`";
  } else {
    d.message = "`yield` inside " + what + " in async generator `" + fn +
                "`: while the generator is suspended the consumer's code runs inside the "
                "cancel scope, so the timeout cancels whatever the consumer is awaiting; "
                "yield outside the block, or make `" +
                fn + "` an `@asynccontextmanager`";
  }
  out.report(std::move(d));
}

}  // namespace lw::analysis

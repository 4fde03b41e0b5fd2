#include "analysis/rules/cpu_work_in_threadpool.h"

#include <string>

#include "analysis/rules/async_helpers.h"
#include "analysis/rules/purity.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

}  // namespace

void check_cpu_work_in_threadpool(const RuleContext& ctx, const semantic::Site& site,
                                  DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW403)) return;
  TSNode fn = h::unparenthesize(h::thread_offloaded_function(ctx, site.node, site.context.scope));
  TSNode def = h::function_named(ctx, fn, site.context.scope);
  if (ts_node_is_null(def) || syntax::is_async(def)) return;
  if (syntax::kind(syntax::parent(def)) == Kind::DecoratedDefinition) return;  // @jit, @cache
  auto scope = ctx.model.scope_of(def);
  if (!scope) return;
  PurityCheck check(ctx, *scope);
  if (!check.block(syntax::field(def, syntax::fields().body)) || !check.has_loop()) return;

  std::string name(ctx.text(fn));
  Diagnostic d;
  d.rule = RuleId::LW403;
  d.severity = rule_info(RuleId::LW403).default_severity;
  d.range = range_of(site.node);
  d.message = "`" + name +
              "` is pure-Python computation: a thread does not run it in parallel (the GIL), so "
              "it still slows down the event loop; run it in a `ProcessPoolExecutor` "
              "(`await loop.run_in_executor(process_pool, " +
              name + ", ...)`)";
  out.report(std::move(d));
}

}  // namespace lw::analysis

#include "analysis/rules/transitive_blocking.h"

#include "analysis/fixes/blocking_fixes.h"
#include "analysis/index/summarize.h"
#include "analysis/index/workspace_index.h"
#include "analysis/rules/blocking_call.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {

void check_transitive_blocking(const RuleContext& ctx, const semantic::Site& site,
                               DiagnosticSink& out) {
  if (!site.context.async_context || ctx.workspace.module == nullptr) return;
  if (!ctx.enabled(RuleId::LW109)) return;
  if (syntax::kind(syntax::parent(site.node)) == syntax::Kind::Await) return;
  std::string target = index::call_target(ctx, site, ctx.workspace.identity);
  if (target.empty()) return;
  static const index::WorkspaceIndex kEmpty;
  const index::WorkspaceIndex& idx = ctx.workspace.index != nullptr ? *ctx.workspace.index : kEmpty;
  index::FunctionRef callee = idx.find_function(target, ctx.workspace.module);
  if (!callee || callee.function->is_async) return;
  if (match_blocking_call(ctx, site.node, site.context.scope)) return;
  auto chain = index::blocking_chain(idx, callee, ctx.workspace.module);
  if (chain.empty()) return;

  std::string shown = callee.function->name;
  std::string path_text = shown + "()";
  for (const auto& hop : chain) path_text += " -> " + hop.call_name + "()";
  Diagnostic d;
  d.rule = RuleId::LW109;
  d.severity = rule_info(RuleId::LW109).default_severity;
  d.range = range_of(site.node);
  d.message = "`" + shown + "()` blocks the event loop in async function `" +
              std::string(ctx.model.function_name(site.context)) + "`: " + path_text +
              "; run it in a thread (`asyncio.to_thread` / `run_in_threadpool`)";
  const std::string& here = ctx.workspace.identity.path;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto& hop = chain[i];
    RelatedLocation r;
    r.path = hop.function.module->path == here ? std::string() : hop.function.module->path;
    r.range = hop.call;
    r.message =
        i + 1 == chain.size()
            ? "blocking call `" + hop.call_name + "()` in `" + hop.function.function->name + "`"
            : "`" + hop.function.function->name + "` calls `" + hop.call_name + "()`";
    d.related.push_back(std::move(r));
  }
  d.fixes = blocking_call_fixes(ctx, site, RuleId::LW109, {});
  out.report(std::move(d));
}

}  // namespace lw::analysis

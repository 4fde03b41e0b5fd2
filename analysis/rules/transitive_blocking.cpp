#include "analysis/rules/transitive_blocking.h"

#include "analysis/fixes/blocking_fixes.h"
#include "analysis/index/summarize.h"
#include "analysis/index/workspace_index.h"
#include "analysis/index/workspace_types.h"
#include "analysis/rules/blocking_call.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

// Calls on receivers typed by another module, resolved through the workspace's types.
class TypedCalls final : public index::TypedCallResolver {
 public:
  explicit TypedCalls(const index::WorkspaceTypes& types) : types_(types) {}
  Result resolve(const index::CallEdge& edge) const override {
    Result out;
    auto type = types_.resolve(edge.receiver);
    if (!type) return out;
    if (auto m = match_blocking_method(*type, edge.method)) {
      out.blocking = index::BlockingCall{m->rule, m->name, edge.range};
      return out;
    }
    if (!semantic::is_catalog_type(*type)) out.target = *type + "." + edge.method;
    return out;
  }

 private:
  const index::WorkspaceTypes& types_;
};

}  // namespace

void check_transitive_blocking(const RuleContext& ctx, const semantic::Site& site,
                               DiagnosticSink& out) {
  if (!site.context.async_context || ctx.workspace.module == nullptr) return;
  if (!ctx.enabled(RuleId::LW109)) return;
  if (syntax::kind(syntax::parent(site.node)) == syntax::Kind::Await) return;
  std::string target = index::call_target(ctx, site, ctx.workspace.identity);
  if (target.empty()) return;
  static const index::WorkspaceIndex kEmpty;
  const index::WorkspaceIndex& idx = ctx.workspace.index != nullptr ? *ctx.workspace.index : kEmpty;
  const index::WorkspaceTypes types(ctx.workspace.identity, ctx.workspace.index,
                                    ctx.workspace.module);
  const TypedCalls typed(types);
  // The catalogs win: a call they know is LW101-LW108's, whatever its library does.
  if (match_blocking_call(ctx, site.node, site.context.scope)) return;
  index::FunctionRef callee = idx.find_function(target, ctx.workspace.module);
  if (!callee) {
    // `catalog.by_sku()` after `from app.services import catalog`: a method of another
    // module's object.
    const auto dot = target.rfind('.');
    if (dot == std::string::npos) return;
    auto resolved = typed.resolve(index::CallEdge{
        {}, range_of(site.node), "value:" + target.substr(0, dot), target.substr(dot + 1)});
    if (resolved.target.empty()) return;
    callee = idx.find_function(resolved.target, ctx.workspace.module);
  }
  if (!callee || callee.function->is_async) return;
  auto chain = index::blocking_chain(idx, callee, ctx.workspace.module, &typed);
  if (chain.empty()) return;
  // Frames inside installed libraries: a few at most (library code blocks on paths that
  // rarely run; a long chain there is more likely one of them).
  int library_frames = 0;
  const index::ModuleSummary* library = nullptr;
  for (const auto& hop : chain) {
    if (hop.function.module->library.empty()) continue;
    ++library_frames;
    if (library == nullptr) library = hop.function.module;
  }
  if (library_frames > ctx.options.library_depth) return;

  std::string shown = callee.function->name;
  std::string path_text = shown + "()";
  for (const auto& hop : chain) path_text += " -> " + hop.call_name + "()";
  Diagnostic d;
  d.rule = RuleId::LW109;
  d.severity = rule_info(RuleId::LW109).default_severity;
  d.range = range_of(site.node);
  d.message = "`" + shown + "()` blocks the event loop in async function `" +
              std::string(ctx.model.function_name(site.context)) + "`: " + path_text;
  if (library != nullptr) {
    d.message += " (library " + library->library + ", " + std::to_string(library_frames) +
                 (library_frames == 1 ? " frame" : " frames") + " deep)";
  }
  d.message += ctx.options.target_has(9)
                   ? "; run it in a thread (`asyncio.to_thread` / `run_in_threadpool`)"
                   : "; run it in a thread (`loop.run_in_executor` / `run_in_threadpool`)";
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

#include "analysis/engine.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <optional>

#include "analysis/diagnostics/suppression.h"
#include "analysis/fixes/noqa.h"
#include "analysis/index/summarize.h"
#include "analysis/index/workspace_coroutines.h"
#include "analysis/index/workspace_types.h"
#include "analysis/prepared_state.h"
#include "analysis/rules/async_resource_not_entered.h"
#include "analysis/rules/async_with_on_sync_context_manager.h"
#include "analysis/rules/await_in_loop.h"
#include "analysis/rules/await_on_sync_call.h"
#include "analysis/rules/await_outside_async.h"
#include "analysis/rules/blocking_call.h"
#include "analysis/rules/busy_wait.h"
#include "analysis/rules/cancellation_swallowed.h"
#include "analysis/rules/client_per_request.h"
#include "analysis/rules/control_flow_in_taskgroup.h"
#include "analysis/rules/coroutine_not_awaited.h"
#include "analysis/rules/cpu_work_in_threadpool.h"
#include "analysis/rules/dangling_task.h"
#include "analysis/rules/get_event_loop_in_coroutine.h"
#include "analysis/rules/long_range_loop.h"
#include "analysis/rules/long_work_in_handler.h"
#include "analysis/rules/nested_event_loop.h"
#include "analysis/rules/on_event_deprecated.h"
#include "analysis/rules/pointless_timeout.h"
#include "analysis/rules/rule_context.h"
#include "analysis/rules/sequential_awaits.h"
#include "analysis/rules/sync_dependency.h"
#include "analysis/rules/sync_with_on_async_context_manager.h"
#include "analysis/rules/syntax_error.h"
#include "analysis/rules/transitive_blocking.h"
#include "analysis/rules/unbounded_gather.h"
#include "analysis/rules/unnecessary_async.h"
#include "analysis/rules/unused_suppression.h"
#include "analysis/rules/yield_in_context_manager.h"
#include "analysis/rules/yield_in_taskgroup_or_timeout.h"
#include "analysis/semantic/coroutines.h"
#include "analysis/semantic/framework.h"
#include "analysis/semantic/model.h"
#include "analysis/semantic/references.h"
#include "analysis/semantic/types.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
using RuleFn = void (*)(const RuleContext&, const semantic::Site&, DiagnosticSink&);

// The explicit rule list: which rule looks at which kind of site.
struct Subscription {
  Kind kind;
  RuleFn check;
};
constexpr Subscription kRules[] = {
    {Kind::Call, &check_blocking_call},
    {Kind::Call, &check_transitive_blocking},
    {Kind::Call, &check_coroutine_not_awaited},
    {Kind::Call, &check_dangling_task},
    {Kind::WithStatement, &check_sync_with_on_async_context_manager},
    {Kind::ForStatement, &check_sync_with_on_async_context_manager},
    {Kind::ForInClause, &check_sync_with_on_async_context_manager},
    {Kind::Call, &check_async_resource_not_entered},
    {Kind::Call, &check_get_event_loop_in_coroutine},
    {Kind::Call, &check_nested_event_loop},
    {Kind::Await, &check_await_outside_async},
    {Kind::WithStatement, &check_await_outside_async},
    {Kind::ForStatement, &check_await_outside_async},
    {Kind::ForInClause, &check_await_outside_async},
    {Kind::WithStatement, &check_async_with_on_sync_context_manager},
    {Kind::ForStatement, &check_async_with_on_sync_context_manager},
    {Kind::ForInClause, &check_async_with_on_sync_context_manager},
    {Kind::Await, &check_await_on_sync_call},              // LW210
    {Kind::FunctionDefinition, &check_sequential_awaits},  // LW301
    {Kind::ForStatement, &check_await_in_loop},            // LW302
    {Kind::Call, &check_client_per_request},               // LW303
    {Kind::Call, &check_unbounded_gather},                 // LW304
    {Kind::WhileStatement, &check_busy_wait},              // LW305
    {Kind::Call, &check_long_work_in_handler},             // LW306
    {Kind::Decorator, &check_on_event_deprecated},         // LW401
    {Kind::FunctionDefinition, &check_sync_dependency},    // LW402
    {Kind::Call, &check_cpu_work_in_threadpool},           // LW403
    {Kind::ForStatement, &check_long_range_loop},          // LW107 (loops)
    {Kind::ForInClause, &check_long_range_loop},           // LW107 (comprehensions)
    {Kind::ExceptClause, &check_cancellation_swallowed},
    {Kind::Yield, &check_yield_in_taskgroup_or_timeout},
    {Kind::Yield, &check_yield_in_context_manager},  // LW505
    {Kind::WithStatement, &check_pointless_timeout},
    {Kind::ReturnStatement, &check_control_flow_in_taskgroup},
    {Kind::BreakStatement, &check_control_flow_in_taskgroup},
    {Kind::ContinueStatement, &check_control_flow_in_taskgroup},
};

// File rules run once per file, before the site rules: they look at the tree as a whole.
using FileRuleFn = void (*)(const RuleContext&, DiagnosticSink&);
constexpr FileRuleFn kFileRules[] = {
    &check_syntax_errors,  // LW001
};

// Finalizers run once, after every site has been checked, for rules whose verdict depends on
// what the site rules found. They get every finding reported so far, including findings that
// a disabled rule or a suppression comment dropped (the user's selection must not change
// another rule's verdict). A finalizer reports through the same sink.
using FinalizerFn = void (*)(const RuleContext&, const std::vector<DiagnosticSink::Finding>&,
                             DiagnosticSink&);
constexpr FinalizerFn kFinalizers[] = {
    &finalize_unnecessary_async,    // LW208: not where another finding exists
    &finalize_unused_suppressions,  // LW002: last, once every other finding is known
};

}  // namespace

PreparedDocument::PreparedDocument(const Document& doc) {
  if (doc.tree() == nullptr) return;
  const syntax::ScopedParentIndex parents(doc.tree());
  state_ = std::make_unique<State>(doc);
}

PreparedDocument::~PreparedDocument() = default;

std::vector<Diagnostic> analyze(const Document& doc, const AnalysisOptions& options,
                                const FileContext& file) {
  if (doc.tree() == nullptr) return {};
  return analyze(PreparedDocument(doc), options, file);
}

index::ModuleSummary summarize(const Document& doc, const AnalysisOptions& options,
                               const index::ModuleIdentity& identity) {
  return summarize(PreparedDocument(doc), options, identity);
}

std::vector<Diagnostic> analyze(const PreparedDocument& prepared, const AnalysisOptions& options,
                                const FileContext& file, const index::ModuleSummary* own_summary) {
  if (!prepared.state_) return {};
  const PreparedDocument::State& s = *prepared.state_;
  if (s.suppressions.file_ignored()) return {};
  const syntax::ScopedParentIndex parents(s.doc.tree(), s.model.site_parents());
  // This file's own summary: fresher than the index's copy, and the whole "workspace" when
  // there is no index. It is computed from this file alone, like every summary.
  std::optional<index::ModuleSummary> summary;
  if (own_summary == nullptr &&
      (file.index != nullptr || options.rules.contains(RuleId::LW109) ||
       options.rules.contains(RuleId::LW208) || options.rules.contains(RuleId::LW302))) {
    summary = summarize(prepared, options, file.identity);
    own_summary = &*summary;
  }
  // Types and coroutine functions of the workspace's other modules (cross-file LW1xx, LW201).
  const index::WorkspaceTypes workspace_types(file.identity, file.index, own_summary);
  const semantic::TypeResolver types(s.model, file.identity.module,
                                     file.index != nullptr ? &workspace_types : nullptr);
  const index::WorkspaceCoroutines workspace_coroutines(file.identity, file.index);
  const semantic::CoroutineSource* const coroutine_sources[] = {&workspace_coroutines};
  semantic::CoroutineRegistry coroutines(s.model, types, s.framework,
                                         options.extend_async_functions, coroutine_sources);
  // LW208 is silent where another rule finds something, whatever the user selected or
  // suppressed (RULES.md): the other rules then run, their findings dropped by the sink.
  AnalysisOptions run_options = options;
  if (options.rules.contains(RuleId::LW208)) run_options.rules = RuleSet::all();
  RuleContext ctx{s.doc.text(), s.model, types, s.framework, run_options, coroutines, s.references};
  ctx.workspace = WorkspaceContext{file.identity, file.index, own_summary};
  ctx.selected = &options.rules;
  DiagnosticSink sink(options, s.suppressions);
  for (FileRuleFn check : kFileRules) check(ctx, sink);
  for (const auto& site : s.model.sites()) {
    for (const auto& sub : kRules) {
      if (sub.kind == site.kind) sub.check(ctx, site, sink);
    }
  }
  const std::vector<DiagnosticSink::Finding> findings = sink.findings();
  for (FinalizerFn finalize : kFinalizers) finalize(ctx, findings, sink);
  auto out = sink.take();
  add_noqa_fixes(ts_tree_root_node(s.doc.tree()), s.doc.text(), out);  // "Disable LWxxx ..."
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.start != b.range.start) return a.range.start < b.range.start;
    return a.rule < b.rule;
  });
  return out;
}

index::ModuleSummary summarize(const PreparedDocument& prepared, const AnalysisOptions& options,
                               const index::ModuleIdentity& identity) {
  if (!prepared.state_) {
    index::ModuleSummary empty;
    empty.module = identity.module;
    empty.path = identity.path;
    empty.is_package = identity.is_package;
    return empty;
  }
  const PreparedDocument::State& s = *prepared.state_;
  const syntax::ScopedParentIndex parents(s.doc.tree(), s.model.site_parents());
  const semantic::TypeResolver types(s.model, identity.module);
  semantic::CoroutineRegistry coroutines(s.model, types, s.framework,
                                         options.extend_async_functions);
  RuleContext ctx{s.doc.text(), s.model, types, s.framework, options, coroutines, s.references};
  ctx.workspace.identity = identity;  // LW108 entries naming this module's functions
  return index::summarize_module(ctx, identity);
}

}  // namespace lw::analysis

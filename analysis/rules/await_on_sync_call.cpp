#include "analysis/rules/await_on_sync_call.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analysis/fixes/imports.h"
#include "analysis/index/summarize.h"
#include "analysis/index/workspace_index.h"
#include "analysis/rules/blocking_call.h"
#include "analysis/rules/sync_result.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

// Synchronous functions with an async equivalent that takes the same arguments: the fix
// swaps the callee and keeps the `await`.
struct AsyncEquivalent {
  std::string_view sync_name;
  std::string_view module;
  std::string_view member;
};
constexpr AsyncEquivalent kAsyncEquivalents[] = {
    {"time.sleep", "asyncio", "sleep"},
};

struct SyncFunction {
  std::string name;
  std::string why;  // "that returns nothing", "of `app.audit` that is annotated `-> int`"
};

// The plain `def` of the file that `callee` names, when it returns a non-awaitable.
std::optional<SyncFunction> sync_function_of_file(const RuleContext& ctx, TSNode callee,
                                                  semantic::ScopeId scope) {
  if (syntax::kind(callee) != Kind::Identifier) return std::nullopt;
  const auto ids = ctx.model.lookup(ctx.text(callee), scope);
  if (ids.size() != 1) return std::nullopt;
  const semantic::Binding& b = ctx.model.binding(ids[0]);
  if (b.kind != semantic::BindingKind::Function || b.is_async) return std::nullopt;
  if (ctx.model.scope(b.scope).kind == semantic::ScopeKind::Class) return std::nullopt;
  auto why = never_awaitable_result(ctx, b.value, b.scope);
  if (!why) return std::nullopt;
  return SyncFunction{std::string(ctx.text(callee)), "that " + std::move(*why)};
}

// The plain `def` of another module of the workspace (or of an installed library) that the
// call names, when the index's summary says it never returns an awaitable.
std::optional<SyncFunction> sync_function_of_workspace(const RuleContext& ctx, TSNode call,
                                                       std::vector<RelatedLocation>& related) {
  if (ctx.workspace.index == nullptr) return std::nullopt;
  const semantic::Site* call_site = nullptr;
  for (const semantic::Site& s : ctx.model.sites_in(call)) {
    if (s.kind == Kind::Call && ts_node_eq(s.node, call)) {
      call_site = &s;
      break;
    }
  }
  if (call_site == nullptr) return std::nullopt;
  const std::string target = index::call_target(ctx, *call_site, ctx.workspace.identity);
  if (target.empty()) return std::nullopt;
  const index::FunctionRef ref = ctx.workspace.index->find_function(target, ctx.workspace.module);
  if (!ref || ref.function->is_async || ref.function->never_awaitable.empty()) return std::nullopt;
  if (ref.module->path == ctx.workspace.identity.path) return std::nullopt;  // the file's own
  const std::string& fn = ref.function->name;
  SyncFunction out{fn, "of `" +
                           (ref.module->module.empty() ? ref.module->path : ref.module->module) +
                           "` that " + ref.function->never_awaitable};
  if (!ref.module->library.empty()) out.why += " (library " + ref.module->library + ")";
  related.push_back(
      RelatedLocation{ref.module->path, ref.function->name_range,
                      "`" + fn + "` is a plain `def` that " + ref.function->never_awaitable});
  return out;
}

// `async with open(p) as f: await f.read()`: the receiver comes from a plain context manager
// entered with `async with`, which LW209 reports; once that is fixed (aiofiles) the await
// is right, so reporting it too would only be noise.
bool receiver_from_async_with(const RuleContext& ctx, TSNode callee, semantic::ScopeId scope) {
  if (syntax::kind(callee) != Kind::Attribute) return false;
  const TSNode object = syntax::field(callee, syntax::fields().object);
  if (syntax::kind(object) != Kind::Identifier) return false;
  for (semantic::BindingId id : ctx.model.lookup(ctx.text(object), scope)) {
    const semantic::Binding& b = ctx.model.binding(id);
    if (b.kind != semantic::BindingKind::WithTarget) continue;
    TSNode n = b.value;
    for (int up = 0; up < 6 && !ts_node_is_null(n); ++up, n = syntax::parent(n)) {
      if (syntax::kind(n) == Kind::WithStatement) {
        if (syntax::is_async(n)) return true;
        break;
      }
    }
  }
  return false;
}

std::optional<Fix> async_equivalent_fix(const RuleContext& ctx, const semantic::Site& site,
                                        TSNode call, std::string_view target) {
  for (const AsyncEquivalent& e : kAsyncEquivalents) {
    if (e.sync_name != target) continue;
    auto name = import_name(ctx.model, site.context.scope, ts_node_start_byte(site.node), e.module,
                            e.member, ImportStyle::Module);
    if (!name) return std::nullopt;
    Fix fix;
    fix.title =
        "Replace with `await " + std::string(e.module) + "." + std::string(e.member) + "(...)`";
    fix.applicability = Applicability::Safe;
    if (name->edit) fix.edits.push_back(std::move(*name->edit));
    fix.edits.push_back(
        TextEdit{range_of(syntax::field(call, syntax::fields().function)), name->expression});
    std::stable_sort(fix.edits.begin(), fix.edits.end(), [](const TextEdit& a, const TextEdit& b) {
      return a.range.start < b.range.start;
    });
    return fix;
  }
  return std::nullopt;
}

Fix note(std::string title) {
  Fix fix;
  fix.title = std::move(title);
  fix.applicability = Applicability::DisplayOnly;
  return fix;
}

// "Remove `await`": the bytes from `await` to the call.
Fix remove_await_fix(TSNode await_node, TSNode call) {
  Fix fix;
  fix.title = "Remove `await` (the call still blocks)";
  fix.applicability = Applicability::Unsafe;
  fix.edits.push_back(TextEdit{{ts_node_start_byte(await_node), ts_node_start_byte(call)}, ""});
  return fix;
}

std::string capitalised(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace

void check_await_on_sync_call(const RuleContext& ctx, const semantic::Site& site,
                              DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW210)) return;
  TSNode call{};
  for (TSNode c : syntax::named_children(site.node)) {
    if (syntax::kind(c) != Kind::Comment) {
      call = c;
      break;
    }
  }
  if (ts_node_is_null(call) || syntax::kind(call) != Kind::Call) return;

  Diagnostic d;
  d.rule = RuleId::LW210;
  d.severity = rule_info(RuleId::LW210).default_severity;
  d.range = range_of(site.node);
  const std::string fn(ctx.model.function_name(site.context));
  const TSNode callee = syntax::field(call, syntax::fields().function);
  if (auto match = match_blocking_call(ctx, call, site.context.scope);
      match && match->rule != RuleId::LW108) {
    if (receiver_from_async_with(ctx, callee, site.context.scope)) return;
    d.message = "`await` on `" + match->name + "(...)`, a synchronous call: it blocks the event " +
                "loop in async function `" + fn + "`, then `await` raises TypeError (its " +
                "result is not awaitable); " + std::string(match->suggestion);
    if (auto fix = async_equivalent_fix(ctx, site, call, match->target)) {
      d.fixes.push_back(std::move(*fix));
    } else if (!match->suggestion.empty()) {
      d.fixes.push_back(note(capitalised(match->suggestion)));
    }
    out.report(std::move(d));
    return;
  }
  auto sync = sync_function_of_file(ctx, callee, site.context.scope);
  if (!sync) sync = sync_function_of_workspace(ctx, call, d.related);
  if (sync) {
    d.message = "`await` on `" + sync->name + "()`, a plain `def` " + sync->why +
                ": awaiting its result raises TypeError at run time; make `" + sync->name +
                "` an `async def`, or call it without `await`";
    d.fixes.push_back(remove_await_fix(site.node, call));
    out.report(std::move(d));
  }
}

}  // namespace lw::analysis

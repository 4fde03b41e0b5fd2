// LW205 get-event-loop-in-coroutine.
//
// What: `asyncio.get_event_loop()` called in async context.
// Why: inside a coroutine the loop is always running; `get_running_loop()` says so and never
// creates a new loop by accident (`get_event_loop()`'s behaviour without a running loop is
// deprecated and differs between Python versions).
// Not reported: sync context (a plain def may legitimately run before the loop exists).
// Fix (safe): use `asyncio.get_running_loop()`.
#include "analysis/rules/get_event_loop_in_coroutine.h"

#include "analysis/fixes/imports.h"
#include "analysis/rules/value_use.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

std::optional<Fix> running_loop_fix(const RuleContext& ctx, const semantic::Site& site,
                                    TSNode callee) {
  Fix fix;
  fix.title = "Use `asyncio.get_running_loop()`";
  fix.applicability = Applicability::Safe;
  if (syntax::kind(callee) == Kind::Attribute) {
    // `asyncio.get_event_loop` / `aio.get_event_loop`: rename the attribute only.
    fix.edits.push_back(
        TextEdit{range_of(syntax::field(callee, syntax::fields().attribute)), "get_running_loop"});
    return fix;
  }
  // `get_event_loop()` (from-imported): an existing `asyncio` binding, else a new import.
  auto name = import_name(ctx.model, site.context.scope, ts_node_start_byte(site.node), "asyncio",
                          "get_running_loop", ImportStyle::Module);
  if (!name) return std::nullopt;
  if (name->edit) fix.edits.push_back(std::move(*name->edit));
  fix.edits.push_back(TextEdit{range_of(callee), name->expression});
  if (fix.edits.front().range.start > fix.edits.back().range.start) {
    std::swap(fix.edits.front(), fix.edits.back());
  }
  return fix;
}

}  // namespace

void check_get_event_loop_in_coroutine(const RuleContext& ctx, const semantic::Site& site,
                                       DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW205)) return;
  TSNode callee = strip_parentheses(syntax::field(site.node, syntax::fields().function));
  auto qn = ctx.model.qualified_name(callee, site.context.scope);
  if (!qn || (*qn != "asyncio.get_event_loop" && *qn != "asyncio.events.get_event_loop")) return;
  Diagnostic d;
  d.rule = RuleId::LW205;
  d.severity = rule_info(RuleId::LW205).default_severity;
  d.range = range_of(site.node);
  d.message = "`asyncio.get_event_loop()` in async function `" +
              std::string(ctx.model.function_name(site.context)) +
              "`: use `asyncio.get_running_loop()`, which returns the running loop and never "
              "creates one";
  if (auto fix = running_loop_fix(ctx, site, callee)) d.fixes.push_back(std::move(*fix));
  out.report(std::move(d));
}

}  // namespace lw::analysis

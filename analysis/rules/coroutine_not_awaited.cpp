// LW201 coroutine-not-awaited.
//
// What: a call to a coroutine function (semantic::CoroutineRegistry: `async def`s of the file,
// `self.method()`, well-known async APIs, `extend-async-functions`) whose coroutine is never
// awaited: the call as an expression statement, tested for truth, used as a plain value
// (`.attr`, subscript, iteration, operators, `len()`, `json.dumps()`, f-strings), returned
// from a route handler; or bound to a local name that is then only used in those ways (or
// never used), reported at the call.
// Why: calling a coroutine function only creates a coroutine object; nothing runs until it is
// awaited (Python warns "coroutine ... was never awaited" at garbage collection, far away).
// Not reported: awaited, entered (`async with`), passed to any function that is not a known
// synchronous consumer (`asyncio.gather`, `create_task`, `wait_for`, `asyncio.run`, ... and
// every unknown function: precision), stored in a container or attribute, yielded, returned
// from a helper (its caller awaits it), read from a nested function, or when the function
// uses `locals()`/`vars()`/`eval`/`exec`.
// Applies in async and sync context; the fix "add `await`" (safe) only in async context and
// never inside a generator expression; it parenthesises `(await f()).json()`.
#include "analysis/rules/coroutine_not_awaited.h"

#include <string>

#include "analysis/rules/async_resources.h"
#include "analysis/rules/value_use.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

bool is_route_handler_scope(const RuleContext& ctx, semantic::ScopeId function) {
  if (function == semantic::kModuleScope || function >= ctx.model.scope_count()) return false;
  const auto& sc = ctx.model.scope(function);
  return sc.kind == semantic::ScopeKind::Function && ctx.framework.is_route_handler(sc.node);
}

// "`save(user)`" or "`fetch_data()`"
std::string call_text(const RuleContext& ctx, TSNode call) { return short_text(ctx, call); }

std::optional<Fix> add_await_fix(const RuleContext& ctx, const semantic::Site& site) {
  if (!site.context.async_context || in_generator_expression(ctx, site.context)) {
    return std::nullopt;
  }
  TSNode parent = syntax::parent(site.node);
  const auto& f = syntax::fields();
  bool wrap = false;
  switch (syntax::kind(parent)) {
    case Kind::Attribute:
      wrap = ts_node_eq(syntax::field(parent, f.object), site.node);
      break;
    case Kind::Subscript:
      wrap = ts_node_eq(syntax::field(parent, f.value), site.node);
      break;
    case Kind::Call:
      wrap = ts_node_eq(syntax::field(parent, f.function), site.node);
      break;
    default:
      break;
  }
  Fix fix;
  fix.title = "Add `await`";
  fix.applicability = Applicability::Safe;
  std::uint32_t start = ts_node_start_byte(site.node);
  std::uint32_t end = ts_node_end_byte(site.node);
  if (wrap) {
    fix.edits.push_back(TextEdit{{start, start}, "(await "});
    fix.edits.push_back(TextEdit{{end, end}, ")"});
  } else {
    fix.edits.push_back(TextEdit{{start, start}, "await "});
  }
  return fix;
}

std::string context_advice(const RuleContext& ctx, const semantic::Site& site) {
  if (site.context.async_context) return "add `await`";
  std::string_view fn = ctx.model.function_name(site.context);
  if (fn.empty()) return "run it with `asyncio.run(...)` or await it from an `async def`";
  if (fn == "<lambda>") return "a `lambda` cannot await it: use an `async def`";
  return "`" + std::string(fn) +
         "` is not async: make it `async def` and `await` the call, or run the coroutine "
         "with `asyncio.run(...)`";
}

void report(const RuleContext& ctx, const semantic::Site& site, const std::string& message,
            DiagnosticSink& out) {
  Diagnostic d;
  d.rule = RuleId::LW201;
  d.severity = rule_info(RuleId::LW201).default_severity;
  d.range = range_of(site.node);
  d.message = message + "; " + context_advice(ctx, site);
  if (auto fix = add_await_fix(ctx, site)) d.fixes.push_back(std::move(*fix));
  out.report(std::move(d));
}

// `name = coro()`: the coroutine is lost unless one read of `name` awaits it or hands it on.
void check_bound_name(const RuleContext& ctx, const semantic::Site& site, TSNode target,
                      const std::string& callee, bool future, DiagnosticSink& out) {
  auto reads = reads_of_single_binding(ctx, target, site.context.scope);
  if (!reads || !reads->complete) return;
  bool route = is_route_handler_scope(ctx, site.context.function);
  std::optional<ValueUse> bad;
  for (TSNode read : reads->reads) {
    ValueUse use = classify_use(ctx, read, site.context.scope);
    switch (use.kind) {
      case UseKind::NonAwaitable:
        // `fut = asyncio.gather(...); fut.add_done_callback(...)` hands the future on.
        if (future && syntax::kind(use.user) == Kind::Attribute) return;
        if (!bad) bad = use;
        break;
      case UseKind::TruthTested:
        if (!bad) bad = use;
        break;
      case UseKind::Returned:
        if (!route) return;
        if (!bad) bad = use;
        break;
      case UseKind::Discarded:
        break;
      default:
        return;  // awaited, entered, or handed on
    }
  }
  std::string name(ctx.text(target));
  std::string message = "`" + callee + "` returns " + (future ? "a future" : "a coroutine") +
                        " that is never awaited: `" + name;
  if (!bad) {
    message += "` is never used";
  } else if (bad->kind == UseKind::TruthTested) {
    message += "` is tested for truth (a coroutine object is always true)";
  } else if (bad->kind == UseKind::Returned) {
    message += "` is returned from route handler `" +
               std::string(ctx.model.function_name(site.context)) + "` unawaited";
  } else {
    message += "` is used as a plain value (" + bad->what + ")";
  }
  report(ctx, site, message, out);
}

}  // namespace

void check_coroutine_not_awaited(const RuleContext& ctx, const semantic::Site& site,
                                 DiagnosticSink& out) {
  // Runs even when LW201 is disabled: LW208's finalizer must see the finding.
  auto target = ctx.coroutines.coroutine_call(site.node, site.context.scope);
  if (!target) return;
  ValueUse use = classify_use(ctx, site.node, site.context.scope);
  std::string callee = call_text(ctx, site.node);
  // A coroutine function of an installed library says which: "`client.fetch(x)` (an `async
  // def` of library vendorsdk 1.4.2) is never awaited".
  const std::string library =
      target->library.empty() ? "" : " (an `async def` of library " + target->library + ")";
  switch (use.kind) {
    case UseKind::Discarded:
      report(ctx, site,
             "`" + callee + "`" + library +
                 (target->future ? " is never awaited: its result and exceptions are lost"
                                 : " is never awaited: calling a coroutine function only creates a "
                                   "coroutine, so it never runs"),
             out);
      return;
    case UseKind::TruthTested:
      report(ctx, site,
             "`" + callee + "`" + library +
                 " is tested for truth without `await`: a coroutine object is always true "
                 "and the call never runs",
             out);
      return;
    case UseKind::NonAwaitable:
      if (target->future && syntax::kind(use.user) == Kind::Attribute) return;
      report(ctx, site,
             "`" + callee + "`" + library + " returns " +
                 (target->future ? "a future" : "a coroutine") + ", used here as a plain value (" +
                 use.what + ") without `await`",
             out);
      return;
    case UseKind::Returned:
      if (!is_route_handler_scope(ctx, site.context.function)) return;
      report(ctx, site,
             "route handler `" + std::string(ctx.model.function_name(site.context)) +
                 "` returns the coroutine `" + callee +
                 "` without awaiting it: the framework gets a coroutine object, not its result",
             out);
      return;
    case UseKind::AssignedToName:
      check_bound_name(ctx, site, use.user, callee, target->future, out);
      return;
    default:
      return;
  }
}

}  // namespace lw::analysis

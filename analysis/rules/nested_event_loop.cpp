// LW206 nested-event-loop.
//
// What: in async context, `asyncio.run(...)`, or `run_until_complete(...)` / `run_forever()`
// on an event loop (from `get_running_loop()`, `get_event_loop()`, `new_event_loop()`, or
// annotated `AbstractEventLoop`).
// Why: an event loop is already running in this thread: these raise RuntimeError.
// In a notebook (AnalysisOptions::notebook) also at the top level of a cell: the kernel runs
// the cell in its event loop (IPython's autoawait), so the same calls raise there.
// Not reported: sync context (a plain def may be called from a worker thread); files that
// import `nest_asyncio`, which patches asyncio to allow exactly this.
// Fix (unsafe): `asyncio.run(coro)` / `loop.run_until_complete(coro)` -> `await coro` when the
// call stands as a statement, an assignment value or a return value.
#include "analysis/rules/nested_event_loop.h"

#include <string>

#include "analysis/rules/value_use.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

bool imports_nest_asyncio(const RuleContext& ctx) {
  if (ctx.source.find("nest_asyncio") == std::string_view::npos) return false;
  for (std::size_t s = 0; s < ctx.model.scope_count(); ++s) {
    for (const auto& [name, ids] : ctx.model.scope(static_cast<semantic::ScopeId>(s)).names) {
      for (auto id : ids) {
        const auto& b = ctx.model.binding(id);
        if (b.kind == semantic::BindingKind::Import && b.qualified.starts_with("nest_asyncio")) {
          return true;
        }
      }
    }
  }
  return false;
}

// The one positional argument of a call without keywords, if that is all it has.
std::optional<TSNode> single_argument(TSNode call) {
  TSNode args = syntax::field(call, syntax::fields().arguments);
  std::optional<TSNode> only;
  std::uint32_t n = ts_node_named_child_count(args);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode arg = ts_node_named_child(args, i);
    if (syntax::kind(arg) == Kind::Comment) continue;
    if (only || syntax::kind(arg) == Kind::KeywordArgument ||
        syntax::kind(arg) == Kind::ListSplat || syntax::kind(arg) == Kind::DictionarySplat) {
      return std::nullopt;
    }
    only = arg;
  }
  return only;
}

std::optional<Fix> await_instead(const RuleContext& ctx, const semantic::Site& site) {
  if (in_generator_expression(ctx, site.context)) return std::nullopt;
  auto arg = single_argument(site.node);
  if (!arg || syntax::kind(*arg) == Kind::GeneratorExpression) return std::nullopt;
  switch (classify_use(ctx, site.node, site.context.scope).kind) {
    case UseKind::Discarded:
    case UseKind::AssignedToName:
    case UseKind::Returned:
      break;
    default:
      return std::nullopt;
  }
  std::string operand(ctx.text(*arg));
  switch (syntax::kind(*arg)) {
    case Kind::Call:
    case Kind::Identifier:
    case Kind::Attribute:
    case Kind::Subscript:
    case Kind::ParenthesizedExpression:
      break;
    default:
      operand = "(" + operand + ")";  // `await` binds tighter than any operator
      break;
  }
  Fix fix;
  fix.title = "Await the coroutine instead";
  fix.applicability = Applicability::Unsafe;
  fix.edits.push_back(TextEdit{range_of(site.node), "await " + operand});
  return fix;
}

}  // namespace

void check_nested_event_loop(const RuleContext& ctx, const semantic::Site& site,
                             DiagnosticSink& out) {
  const bool in_cell = at_notebook_top_level(ctx, site.context);
  if ((!site.context.async_context && !in_cell) || !ctx.enabled(RuleId::LW206)) return;
  const auto& f = syntax::fields();
  TSNode callee = strip_parentheses(syntax::field(site.node, f.function));
  std::string what;
  bool awaitable_argument = true;
  if (auto qn = ctx.model.qualified_name(callee, site.context.scope)) {
    if (*qn != "asyncio.run" && *qn != "asyncio.runners.run") return;
    what = "asyncio.run()";
  } else if (syntax::kind(callee) == Kind::Attribute) {
    std::string_view method = ctx.text(syntax::field(callee, f.attribute));
    if (method != "run_until_complete" && method != "run_forever") return;
    auto type = ctx.types.type_of(syntax::field(callee, f.object), site.context.scope);
    if (!type || *type != "asyncio.AbstractEventLoop") return;
    what = "loop." + std::string(method) + "()";
    awaitable_argument = method == "run_until_complete";
  } else {
    return;
  }
  if (imports_nest_asyncio(ctx)) return;
  Diagnostic d;
  d.rule = RuleId::LW206;
  d.severity = rule_info(RuleId::LW206).default_severity;
  d.range = range_of(site.node);
  const std::string place = in_cell ? std::string("at the top level of a notebook cell")
                                    : "inside async function `" +
                                          std::string(ctx.model.function_name(site.context)) + "`";
  d.message = "`" + what + "` " + place + " raises RuntimeError: an event loop is already running" +
              (in_cell ? " (the kernel's)" : "") + "; " +
              (awaitable_argument ? "`await` the coroutine instead"
                                  : "the running loop already runs forever");
  if (awaitable_argument) {
    if (auto fix = await_instead(ctx, site)) d.fixes.push_back(std::move(*fix));
  }
  out.report(std::move(d));
}

}  // namespace lw::analysis

// LW203 sync-with-on-async-context-manager.
//
// What: a plain `with` item that is an async-only context manager (`httpx.AsyncClient()`,
// `aiofiles.open()`, an `AsyncSession`, `aiosqlite.connect()`, `asyncio.Lock/Semaphore/
// Condition/TaskGroup/timeout`, anyio locks and task groups, an `@asynccontextmanager` of the
// file, or a name bound to one); a plain `for` (statement or comprehension) over an async-only
// iterator (an `aiofiles` file, an `AsyncSession.stream` result, an async generator of the
// file, `request.stream()`, ...). Tables: async_resources.inc.
// Why: it raises at run time (no `__enter__` / `__iter__`).
// Not reported: `with await x` (legacy lock idiom), items of unknown type, and an iterated
// coroutine call (LW201 reports that one).
// Fix: "use `async with` / `async for`" (safe, only in async context and, for a `with`, only
// when every item of the statement is async).
#include "analysis/rules/sync_with_on_async_context_manager.h"

#include <string>
#include <vector>

#include "analysis/rules/async_resources.h"
#include "analysis/rules/value_use.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

std::string sync_note(const RuleContext& ctx, const semantic::Site& site) {
  if (site.context.async_context) return {};
  return " (inside an `async def`: `" + std::string(ctx.model.function_name(site.context)) +
         "` is not async)";
}

Diagnostic make(TSNode node, std::string message) {
  Diagnostic d;
  d.rule = RuleId::LW203;
  d.severity = rule_info(RuleId::LW203).default_severity;
  d.range = range_of(node);
  d.message = std::move(message);
  return d;
}

Fix insert_async(std::uint32_t at, std::string title) {
  Fix fix;
  fix.title = std::move(title);
  fix.applicability = Applicability::Safe;
  fix.edits.push_back(TextEdit{{at, at}, "async "});
  return fix;
}

void check_with(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out) {
  const auto& f = syntax::fields();
  std::vector<std::pair<TSNode, std::string>> found;
  std::uint32_t items = 0;
  std::uint32_t n = ts_node_named_child_count(site.node);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode clause = ts_node_named_child(site.node, i);
    if (syntax::kind(clause) != Kind::WithClause) continue;
    std::uint32_t m = ts_node_named_child_count(clause);
    for (std::uint32_t j = 0; j < m; ++j) {
      TSNode item = ts_node_named_child(clause, j);
      if (syntax::kind(item) != Kind::WithItem) continue;
      ++items;
      TSNode value = syntax::field(item, f.value);
      if (syntax::kind(value) == Kind::AsPattern) value = ts_node_named_child(value, 0);
      value = strip_parentheses(value);
      if (auto what = async_context_manager(ctx, value, site.context.scope)) {
        found.emplace_back(value, std::move(*what));
      }
    }
  }
  bool fixable = site.context.async_context && found.size() == items;
  for (auto& [value, what] : found) {
    Diagnostic d =
        make(value, "Plain `with` on " + what +
                        ", an async context manager: it fails at run time; use `async with`" +
                        sync_note(ctx, site));
    if (fixable) {
      d.fixes.push_back(insert_async(ts_node_start_byte(site.node), "Use `async with`"));
      fixable = false;  // one fix per statement
    }
    out.report(std::move(d));
  }
}

void check_for(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out) {
  TSNode iterable = strip_parentheses(syntax::field(site.node, syntax::fields().right));
  if (ts_node_is_null(iterable)) return;
  if (ctx.coroutines.coroutine_call(iterable, site.context.scope)) return;  // LW201's
  auto what = async_iterable(ctx, iterable, site.context.scope);
  if (!what) return;
  Diagnostic d = make(iterable, "Plain `for` over " + *what +
                                    ", an async iterator: it fails at run time; use `async for`" +
                                    sync_note(ctx, site));
  bool fixable = site.context.async_context;
  if (site.kind == Kind::ForInClause) {
    // Only in a list/set/dict comprehension directly in the function: an async clause turns
    // a generator expression into an async generator, and nested async comprehensions need
    // Python 3.11.
    const auto& sc = ctx.model.scope(site.context.scope);
    fixable = fixable && syntax::kind(sc.node) != Kind::GeneratorExpression &&
              sc.parent != semantic::kNoScope &&
              ctx.model.scope(sc.parent).kind != semantic::ScopeKind::Comprehension;
  }
  if (fixable) d.fixes.push_back(insert_async(ts_node_start_byte(site.node), "Use `async for`"));
  out.report(std::move(d));
}

}  // namespace

void check_sync_with_on_async_context_manager(const RuleContext& ctx, const semantic::Site& site,
                                              DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW203) || syntax::is_async(site.node)) return;
  if (site.kind == Kind::WithStatement) {
    check_with(ctx, site, out);
  } else if (site.kind == Kind::ForStatement || site.kind == Kind::ForInClause) {
    check_for(ctx, site, out);
  }
}

}  // namespace lw::analysis

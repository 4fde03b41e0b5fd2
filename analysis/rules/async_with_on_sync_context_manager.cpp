// LW209 async-with-on-sync-context-manager.
//
// What: an `async with` item that is a plain (sync-only) context manager: builtin `open()`,
// `threading.Lock()`, `requests.Session()`, `httpx.Client()`, sync database connections and
// sessions, executors, `tempfile`/`zipfile` helpers, a `@contextmanager` function of the file,
// or a name bound to one (`lock = threading.Lock()` at module level); an `async for`
// (statement or comprehension clause) over a plain iterable: a list/tuple/dict/set/string
// literal or comprehension, a name bound only to one, `range()`/`enumerate()`/`zip()`/...
// (unshadowed builtins), a sync file, or a plain generator function of the file.
// Tables: async_resources.inc.
// Why: a TypeError at run time (no `__aenter__` / `__aiter__`).
// Not reported: values of unknown type (precision), generator expressions.
#include "analysis/rules/async_with_on_sync_context_manager.h"

#include <string>

#include "analysis/rules/async_resources.h"
#include "analysis/rules/value_use.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

void report(TSNode node, std::string message, DiagnosticSink& out) {
  Diagnostic d;
  d.rule = RuleId::LW209;
  d.severity = rule_info(RuleId::LW209).default_severity;
  d.range = range_of(node);
  d.message = std::move(message);
  out.report(std::move(d));
}

}  // namespace

void check_async_with_on_sync_context_manager(const RuleContext& ctx, const semantic::Site& site,
                                              DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW209) || !syntax::is_async(site.node)) return;
  const auto& f = syntax::fields();
  if (site.kind == Kind::WithStatement) {
    std::uint32_t n = ts_node_named_child_count(site.node);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode clause = ts_node_named_child(site.node, i);
      if (syntax::kind(clause) != Kind::WithClause) continue;
      std::uint32_t m = ts_node_named_child_count(clause);
      for (std::uint32_t j = 0; j < m; ++j) {
        TSNode item = ts_node_named_child(clause, j);
        if (syntax::kind(item) != Kind::WithItem) continue;
        TSNode value = syntax::field(item, f.value);
        if (syntax::kind(value) == Kind::AsPattern) value = ts_node_named_child(value, 0);
        value = strip_parentheses(value);
        if (auto what = sync_context_manager(ctx, value, site.context.scope)) {
          report(value,
                 "`async with` on " + *what +
                     ", a plain context manager: it raises TypeError at run time (no "
                     "`__aenter__`); use `with`, or an async equivalent",
                 out);
        }
      }
    }
    return;
  }
  if (site.kind != Kind::ForStatement && site.kind != Kind::ForInClause) return;
  TSNode iterable = strip_parentheses(syntax::field(site.node, f.right));
  if (ts_node_is_null(iterable)) return;
  if (auto what = sync_iterable(ctx, iterable, site.context.scope)) {
    report(iterable,
           "`async for` over " + *what +
               ", a plain iterable: it raises TypeError at run time (no `__aiter__`); use `for`",
           out);
  }
}

}  // namespace lw::analysis

#include "analysis/fixes/wrap_in_thread.h"

#include <algorithm>
#include <string>

#include "analysis/fixes/await_position.h"
#include "analysis/fixes/imports.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

// `run_in_threadpool(func, *args, **kwargs)` takes `func` by keyword too: a call with its own
// `func=` argument cannot be handed on.
bool has_keyword(const RuleContext& ctx, TSNode args, std::string_view name) {
  std::uint32_t n = ts_node_named_child_count(args);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode arg = ts_node_named_child(args, i);
    if (syntax::kind(arg) == Kind::KeywordArgument &&
        ctx.text(syntax::field(arg, syntax::fields().name)) == name) {
      return true;
    }
  }
  return false;
}

bool has_arguments(TSNode args) {
  std::uint32_t n = ts_node_named_child_count(args);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (syntax::kind(ts_node_named_child(args, i)) != Kind::Comment) return true;
  }
  return false;
}

std::optional<ImportedName> runner_name(const RuleContext& ctx, semantic::ScopeId scope,
                                        std::uint32_t at, ThreadRunner runner) {
  if (runner == ThreadRunner::ToThread) {
    return import_name(ctx.model, scope, at, "asyncio", "to_thread", ImportStyle::Module);
  }
  constexpr std::string_view kMember = "run_in_threadpool";
  for (std::string_view module : {"starlette.concurrency", "fastapi.concurrency"}) {
    if (auto name = bound_name(ctx.model, scope, at, module, kMember))
      return ImportedName{*name, {}};
  }
  std::string_view module =
      imports_package(ctx.model, "fastapi") ? "fastapi.concurrency" : "starlette.concurrency";
  return import_name(ctx.model, scope, at, module, kMember, ImportStyle::Member);
}

// The whole blocking expression a call begins: the call with the method calls chained on its
// result (`db.query(X).filter(c).all()`: `.all()` is what runs the SQL). Iterative.
TSNode chain_top(TSNode call) {
  const auto& f = syntax::fields();
  TSNode top = call;
  while (true) {
    TSNode attribute = syntax::parent(top);
    if (syntax::kind(attribute) != Kind::Attribute ||
        !ts_node_eq(syntax::field(attribute, f.object), top)) {
      return top;
    }
    TSNode outer = syntax::parent(attribute);
    if (syntax::kind(outer) != Kind::Call ||
        !ts_node_eq(syntax::field(outer, f.function), attribute)) {
      return top;
    }
    top = outer;
  }
}

// The context manager of a `with` item (`with open(p) as f:`): the blocking work happens in
// the block (`json.load(f)`), which a wrap of the call alone would leave on the event loop.
bool is_context_manager(TSNode expr) {
  TSNode parent = syntax::parent(expr);
  while (syntax::kind(parent) == Kind::ParenthesizedExpression) parent = syntax::parent(parent);
  if (syntax::kind(parent) == Kind::AsPattern) parent = syntax::parent(parent);
  return syntax::kind(parent) == Kind::WithItem;
}

// True when `expr` can become the body of a `lambda` without changing its meaning: no
// `await` or `yield` (not allowed there) and no walrus (it would bind in the lambda).
bool fits_in_lambda(TSNode expr) {
  TSTreeCursor cursor = ts_tree_cursor_new(expr);
  bool fits = true;
  bool done = false;
  while (fits && !done) {
    const Kind k = syntax::kind(ts_tree_cursor_current_node(&cursor));
    if (k == Kind::Await || k == Kind::Yield || k == Kind::NamedExpression) {
      fits = false;
    } else if (!ts_tree_cursor_goto_first_child(&cursor)) {
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          done = true;
          break;
        }
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  return fits;
}

}  // namespace

bool prefers_run_in_threadpool(const semantic::SemanticModel& model) {
  return imports_package(model, "fastapi") || imports_package(model, "starlette");
}

std::optional<Fix> wrap_in_thread_fix(const RuleContext& ctx, const semantic::Site& call,
                                      ThreadRunner runner) {
  if (!await_allowed(ctx.model, call.context) || ts_node_has_error(call.node)) {
    return std::nullopt;
  }
  if (syntax::kind(syntax::parent(call.node)) == Kind::Await) return std::nullopt;
  // Everything that blocks must move to the thread, or the fix is not offered: a call whose
  // result gets more method calls moves with them, in a lambda; a context manager cannot move.
  const TSNode whole = chain_top(call.node);
  if (is_context_manager(whole) || syntax::kind(syntax::parent(whole)) == Kind::Await) {
    return std::nullopt;
  }
  // `asyncio.to_thread` is Python 3.9's: for an older target the loop's default executor runs
  // the expression, in a lambda (`run_in_executor` takes no keyword arguments).
  const bool executor = runner == ThreadRunner::ToThread && !ctx.options.target_has(9);
  if (!ts_node_eq(whole, call.node) || executor) {
    if (ts_node_has_error(whole) || !fits_in_lambda(whole)) return std::nullopt;
    auto name = executor ? import_name(ctx.model, call.context.scope, ts_node_start_byte(whole),
                                       "asyncio", "get_running_loop", ImportStyle::Module)
                         : runner_name(ctx, call.context.scope, ts_node_start_byte(whole), runner);
    if (!name) return std::nullopt;
    const bool parenthesise = await_needs_parentheses(whole);
    Fix fix;
    fix.title = executor ? "Wrap in `loop.run_in_executor` (`asyncio.to_thread` needs Python 3.9)"
                : runner == ThreadRunner::ToThread ? "Wrap in `asyncio.to_thread`"
                                                   : "Wrap in `run_in_threadpool`";
    fix.applicability = Applicability::Unsafe;
    if (name->edit) fix.edits.push_back(std::move(*name->edit));
    const std::uint32_t start = ts_node_start_byte(whole);
    const std::uint32_t end = ts_node_end_byte(whole);
    const std::string runner_call =
        executor ? name->expression + "().run_in_executor(None, " : name->expression + "(";
    fix.edits.push_back(
        TextEdit{{start, start}, (parenthesise ? "(await " : "await ") + runner_call + "lambda: "});
    fix.edits.push_back(TextEdit{{end, end}, parenthesise ? "))" : ")"});
    std::stable_sort(fix.edits.begin(), fix.edits.end(), [](const TextEdit& a, const TextEdit& b) {
      return a.range.start < b.range.start;
    });
    return fix;
  }
  const auto& f = syntax::fields();
  TSNode callee = syntax::field(call.node, f.function);
  TSNode args = syntax::field(call.node, f.arguments);
  if (ts_node_is_null(callee) || ts_node_is_null(args)) return std::nullopt;
  Kind args_kind = syntax::kind(args);
  if (args_kind != Kind::ArgumentList && args_kind != Kind::GeneratorExpression) {
    return std::nullopt;
  }
  if (runner == ThreadRunner::RunInThreadpool && has_keyword(ctx, args, "func")) {
    return std::nullopt;
  }
  auto name = runner_name(ctx, call.context.scope, ts_node_start_byte(call.node), runner);
  if (!name) return std::nullopt;

  const bool parenthesise = await_needs_parentheses(call.node);
  const std::uint32_t start = ts_node_start_byte(call.node);
  const std::uint32_t end = ts_node_end_byte(call.node);
  const std::uint32_t callee_end = ts_node_end_byte(callee);
  const std::uint32_t args_start = ts_node_start_byte(args);
  Fix fix;
  fix.title = runner == ThreadRunner::ToThread ? "Wrap in `asyncio.to_thread`"
                                               : "Wrap in `run_in_threadpool`";
  fix.applicability = Applicability::Unsafe;
  if (name->edit) fix.edits.push_back(std::move(*name->edit));
  std::string opening = (parenthesise ? "(await " : "await ") + name->expression + "(";
  fix.edits.push_back(TextEdit{{start, start}, std::move(opening)});
  if (args_kind == Kind::ArgumentList) {
    // `f(a, b)` -> `X(f, a, b)`: the call's own `(` becomes `, ` and its `)` closes `X(`.
    // `f(\n    a)`: no space before the line break.
    std::string_view source = ctx.source;
    bool spaced =
        args_start + 1 < source.size() &&
        std::string_view(" \t\r\n").find(source[args_start + 1]) != std::string_view::npos;
    std::string comma = !has_arguments(args) ? "" : spaced ? "," : ", ";
    fix.edits.push_back(TextEdit{{callee_end, args_start + 1}, std::move(comma)});
    if (parenthesise) fix.edits.push_back(TextEdit{{end, end}, ")"});
  } else {
    // `f(x for x in y)` -> `X(f, (x for x in y))`: the generator keeps its parentheses.
    fix.edits.push_back(TextEdit{{callee_end, args_start}, ", "});
    fix.edits.push_back(TextEdit{{end, end}, parenthesise ? "))" : ")"});
  }
  std::stable_sort(fix.edits.begin(), fix.edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.range.start < b.range.start;
  });
  return fix;
}

}  // namespace lw::analysis

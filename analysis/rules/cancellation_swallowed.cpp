#include "analysis/rules/cancellation_swallowed.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "analysis/rules/cancel_scopes.h"
#include "analysis/rules/handler_flow.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using cancel_scopes::contains_checkpoint;
using cancel_scopes::is_scope_boundary;
using handler_flow::Caught;
using handler_flow::classify_type;
using handler_flow::clause_block;
using handler_flow::kBreak;
using handler_flow::kContinue;
using handler_flow::kNormal;
using handler_flow::kRaiseOther;
using handler_flow::kReraise;
using handler_flow::kReturn;
using handler_flow::Outcomes;
using syntax::Kind;

struct Handler {
  Caught caught = Caught::Nothing;
  std::string_view bound;  // `as name`
  TSNode body{};
  bool star = false;  // except*
};

Handler inspect_handler(const RuleContext& ctx, TSNode clause, semantic::ScopeId scope) {
  Handler h;
  h.body = clause_block(clause);
  bool has_type_expr = false;
  std::uint32_t n = ts_node_child_count(clause);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_child(clause, i);
    if (!ts_node_is_named(c)) {
      if (ctx.text(c) == "*") h.star = true;
      continue;
    }
    const char* field = ts_node_field_name_for_child(clause, i);
    if (field == nullptr || std::strcmp(field, "value") != 0) continue;
    has_type_expr = true;
    TSNode type = c;
    if (syntax::kind(c) == Kind::AsPattern) {
      type = ts_node_named_child(c, 0);
      TSNode alias = syntax::field(c, syntax::fields().alias);
      if (syntax::kind(alias) == Kind::AsPatternTarget) alias = ts_node_named_child(alias, 0);
      if (syntax::kind(alias) == Kind::Identifier) h.bound = ctx.text(alias);
    }
    Caught caught = classify_type(ctx, type, scope, 0);
    if (caught == Caught::CancelledError || h.caught == Caught::Nothing) h.caught = caught;
  }
  if (!has_type_expr) h.caught = Caught::Bare;
  return h;
}

// `try:` body of the try statement owning `clause`.
TSNode try_body(TSNode clause) {
  TSNode parent = syntax::parent(clause);
  if (syntax::kind(parent) != Kind::TryStatement) return TSNode{};
  return syntax::field(parent, syntax::fields().body);
}

bool is_name(const RuleContext& ctx, TSNode expr, std::string_view name) {
  return !name.empty() && syntax::kind(expr) == Kind::Identifier && ctx.text(expr) == name;
}

// `exc`, or a tuple/list/call-argument list holding `exc` directly.
bool holds_name(const RuleContext& ctx, TSNode expr, std::string_view name) {
  if (is_name(ctx, expr, name)) return true;
  Kind k = syntax::kind(expr);
  if (k != Kind::Tuple && k != Kind::List && k != Kind::ExpressionList && k != Kind::ArgumentList) {
    return false;
  }
  std::uint32_t n = ts_node_named_child_count(expr);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (is_name(ctx, ts_node_named_child(expr, i), name)) return true;
  }
  return false;
}

// The handler hands the exception object on instead of dropping it: stores it
// (`self._error = exc`, `errors[i] = exc`, `errors.append(exc)`), resolves a future with it
// (`fut.set_exception(...)`), throws it into a generator (`gen.throw(exc)`) or returns it (`return
// exc`, `return Error(exc)`). Whoever receives it decides; that is a capture
// (outcome/tenacity/staggered style), not a swallow.
bool forwards_exception(const RuleContext& ctx, TSNode body, std::string_view bound) {
  const auto& f = syntax::fields();
  std::vector<TSNode> stack{body};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    switch (syntax::kind(n)) {
      case Kind::Call: {
        TSNode callee = syntax::field(n, f.function);
        TSNode args = syntax::field(n, f.arguments);
        if (syntax::kind(callee) == Kind::Attribute) {
          std::string_view method = ctx.text(syntax::field(callee, f.attribute));
          if (method == "set_exception") return true;
          // Thrown into a generator / greenlet / coroutine, which decides (SQLAlchemy's
          // `greenlet_spawn`: `result = context.throw(*sys.exc_info())`).
          if ((method == "throw" || method == "athrow") &&
              (holds_name(ctx, args, bound) ||
               ctx.text(args).find("sys.exc_info()") != std::string_view::npos)) {
            return true;
          }
          if (method == "append" || method == "put_nowait") {
            if (holds_name(ctx, args, bound)) return true;
            // `results.append(Error(exc))`: wrapped, as `return Error(exc)` below.
            for (TSNode arg : syntax::named_children(args)) {
              if (syntax::kind(arg) == Kind::Call &&
                  holds_name(ctx, syntax::field(arg, f.arguments), bound)) {
                return true;
              }
            }
          }
        }
        break;
      }
      case Kind::Assignment:
        if (holds_name(ctx, syntax::field(n, f.right), bound)) return true;
        break;
      case Kind::ReturnStatement: {
        TSNode value = ts_node_named_child(n, 0);
        if (holds_name(ctx, value, bound)) return true;
        if (syntax::kind(value) == Kind::Call &&
            holds_name(ctx, syntax::field(value, f.arguments), bound)) {
          return true;
        }
        break;
      }
      default:
        break;
    }
    if (is_scope_boundary(n)) continue;
    std::uint32_t count = ts_node_named_child_count(n);
    for (std::uint32_t i = 0; i < count; ++i) stack.push_back(ts_node_named_child(n, i));
  }
  return false;
}

// The handler looks at `.cancelling()` (asyncio.current_task().cancelling()): it tells the
// task's own cancellation apart from a child's and re-raises only the former, on purpose.
bool consults_cancelling(const RuleContext& ctx, TSNode body) {
  std::vector<TSNode> stack{body};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (syntax::kind(n) == Kind::Call) {
      TSNode callee = syntax::field(n, syntax::fields().function);
      if (syntax::kind(callee) == Kind::Attribute &&
          ctx.text(syntax::field(callee, syntax::fields().attribute)) == "cancelling") {
        return true;
      }
    }
    if (is_scope_boundary(n)) continue;
    std::uint32_t count = ts_node_named_child_count(n);
    for (std::uint32_t i = 0; i < count; ++i) stack.push_back(ts_node_named_child(n, i));
  }
  return false;
}

// The end of the clause header: just after its `:`.
std::uint32_t header_end(TSNode clause) {
  std::uint32_t n = ts_node_child_count(clause);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_child(clause, i);
    if (!ts_node_is_named(c) && std::strcmp(ts_node_type(c), ":") == 0) {
      return ts_node_end_byte(c);
    }
  }
  return ts_node_end_byte(clause);
}

std::string describe(const RuleContext& ctx, const Handler& h, TSNode clause) {
  switch (h.caught) {
    case Caught::Bare:
      return "bare `except:`";
    case Caught::BaseException:
      return std::string(h.star ? "`except* " : "`except ") + "BaseException`";
    default: {
      // The clause header as written: `except (OSError, CancelledError) as e`.
      std::uint32_t start = ts_node_start_byte(clause);
      std::uint32_t end = header_end(clause);
      std::string_view header = ctx.source.substr(start, end > start ? end - start - 1 : 0);
      if (header.size() > 80 || header.find('\n') != std::string_view::npos) {
        return "this `CancelledError` handler";
      }
      return "`" + std::string(header) + "`";
    }
  }
}

// A handler in the cleanup of an outer handler that re-raises afterwards (channels_redis:
// `except CancelledError: if ...: try: await cleanup() except BaseException: log(...)`, then
// `raise`): falling through reaches the outer bare `raise`, which re-raises the cancellation
// the outer handler is dealing with. Followed out through `if`/`with` blocks.
bool falls_into_outer_reraise(const RuleContext& ctx, TSNode clause, semantic::ScopeId scope) {
  TSNode stmt = syntax::parent(clause);
  if (syntax::kind(stmt) != Kind::TryStatement) return false;
  std::vector<std::pair<TSNode, TSNode>> levels;  // (block, the statement within it)
  TSNode outer{};
  for (int depth = 0; depth < 32 && ts_node_is_null(outer); ++depth) {
    TSNode block = syntax::parent(stmt);
    if (syntax::kind(block) != Kind::Block) return false;
    levels.emplace_back(block, stmt);
    TSNode owner = syntax::parent(block);
    switch (syntax::kind(owner)) {
      case Kind::ExceptClause:
        outer = owner;
        break;
      case Kind::IfStatement:
      case Kind::WithStatement:
        stmt = owner;
        break;
      case Kind::ElifClause:
      case Kind::ElseClause:
        stmt = syntax::parent(owner);
        if (syntax::kind(stmt) != Kind::IfStatement) return false;
        break;
      default:
        return false;
    }
  }
  if (ts_node_is_null(outer)) return false;
  const Handler handler = inspect_handler(ctx, outer, scope);
  if (handler.caught == Caught::Nothing) return false;
  for (const auto& [block, within] : levels) {
    bool after = false;
    Outcomes rest = kNormal;
    for (TSNode next : syntax::named_children(block)) {
      if (!after) {
        after = ts_node_eq(next, within);
        continue;
      }
      if (syntax::kind(next) == Kind::Comment) continue;
      rest = static_cast<Outcomes>((rest & ~kNormal) |
                                   handler_flow::outcomes(ctx, scope, handler.bound, next, 1));
      if ((rest & kNormal) == 0) break;
    }
    if ((rest & ~(kNormal | kReraise)) != 0) return false;
    if ((rest & kNormal) == 0) return true;  // every path from here re-raises
  }
  return false;  // falls off the end of the outer handler
}

std::string_view reason(Outcomes bad) {
  if ((bad & kReturn) != 0) return "returns";
  if ((bad & kRaiseOther) != 0) return "raises a different exception";
  if ((bad & kBreak) != 0) return "leaves with `break`";
  if ((bad & kContinue) != 0) return "leaves with `continue`";
  return "falls through";
}

}  // namespace

void check_cancellation_swallowed(const RuleContext& ctx, const semantic::Site& site,
                                  DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW501)) return;
  Handler h = inspect_handler(ctx, site.node, site.context.scope);
  if (h.caught == Caught::Nothing || ts_node_is_null(h.body)) return;
  // Cancellation is delivered at an await point of the try body; without one, the handler
  // cannot see this task's CancelledError (only, say, a `task.result()` of another task's).
  if (!contains_checkpoint(try_body(site.node), false)) return;

  Outcomes outcomes = handler_flow::outcomes(ctx, site.context.scope, h.bound, h.body, 0);
  Outcomes bad = static_cast<Outcomes>(outcomes & ~kReraise);
  if (bad == 0) return;
  if ((outcomes & kReraise) != 0 && consults_cancelling(ctx, h.body)) return;
  if (forwards_exception(ctx, h.body, h.bound)) return;
  if (bad == kNormal && falls_into_outer_reraise(ctx, site.node, site.context.scope)) return;

  Diagnostic d;
  d.rule = RuleId::LW501;
  d.severity = rule_info(RuleId::LW501).default_severity;
  // The `except ...:` header.
  TSNode clause = site.node;
  std::uint32_t start = ts_node_start_byte(clause);
  std::uint32_t end = header_end(clause);
  d.range = ByteRange{start, end};
  std::string fn(ctx.model.function_name(site.context));
  d.message = describe(ctx, h, clause) + " in async function `" + fn +
              "` swallows cancellation: the handler " + std::string(reason(bad)) +
              " without re-raising, so `cancel()`, timeouts and shutdown stop working for "
              "this task; end every path of the handler with a bare `raise`";
  if (h.caught == Caught::Bare || h.caught == Caught::BaseException) {
    d.message += " (or catch `Exception` instead)";
  }
  out.report(std::move(d));
}

}  // namespace lw::analysis

#include "analysis/rules/cancellation_swallowed.h"

#include <cstring>
#include <string>
#include <vector>

#include "analysis/rules/cancel_scopes.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

// What a statement (sequence) can do, as a set of ways to leave it.
using Outcomes = std::uint8_t;
constexpr Outcomes kNormal = 1;   // falls through to the next statement
constexpr Outcomes kReraise = 2;  // re-raises the caught exception
constexpr Outcomes kReturn = 4;
constexpr Outcomes kBreak = 8;
constexpr Outcomes kContinue = 16;
constexpr Outcomes kRaiseOther = 32;                            // raises a different exception
constexpr Outcomes kEscape = kReraise | kReturn | kRaiseOther;  // leave any enclosing loop

bool has_type(TSNode node, const char* type) {
  return !ts_node_is_null(node) && std::strcmp(ts_node_type(node), type) == 0;
}

TSNode field_named(TSNode node, const char* name) {
  return ts_node_child_by_field_name(node, name, static_cast<std::uint32_t>(std::strlen(name)));
}

// The statements-holding child of a clause that has no `body` field (except/finally/case).
TSNode clause_block(TSNode clause) {
  std::uint32_t n = ts_node_named_child_count(clause);
  for (std::uint32_t i = n; i-- > 0;) {
    TSNode c = ts_node_named_child(clause, i);
    if (syntax::kind(c) == Kind::Block) return c;
  }
  return TSNode{};
}

class Flow {
 public:
  Flow(std::string_view source, std::string_view bound) : source_(source), bound_(bound) {}

  // Outcomes of a block (or of a single statement standing in for one).
  Outcomes block(TSNode node, int depth) {
    if (ts_node_is_null(node)) return kNormal;
    if (depth > 200) return kReraise;  // too deep to analyse: assume the best (precision)
    if (syntax::kind(node) != Kind::Block) return statement(node, depth);
    Outcomes cur = kNormal;
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n && (cur & kNormal) != 0; ++i) {
      TSNode stmt = ts_node_named_child(node, i);
      if (syntax::kind(stmt) == Kind::Comment) continue;
      cur = static_cast<Outcomes>((cur & ~kNormal) | statement(stmt, depth + 1));
    }
    return cur;
  }

 private:
  Outcomes statement(TSNode stmt, int depth) {
    switch (syntax::kind(stmt)) {
      case Kind::RaiseStatement:
        return raise(stmt);
      case Kind::ReturnStatement:
        return kReturn;
      case Kind::BreakStatement:
        return kBreak;
      case Kind::ContinueStatement:
        return kContinue;
      case Kind::IfStatement:
        return if_statement(stmt, depth);
      case Kind::ForStatement:
      case Kind::WhileStatement:
        return loop(stmt, depth);
      case Kind::TryStatement:
        return try_statement(stmt, depth);
      case Kind::WithStatement:
        return block(syntax::field(stmt, syntax::fields().body), depth + 1);
      case Kind::MatchStatement:
        return match_statement(stmt, depth);
      default:
        return kNormal;  // simple statements, nested defs and classes
    }
  }

  Outcomes raise(TSNode stmt) {
    // `raise` re-raises the exception being handled. (Inside a nested handler it re-raises
    // that handler's exception; counted as a re-raise all the same: precision first.)
    TSNode exc{};
    std::uint32_t n = ts_node_named_child_count(stmt);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(stmt, i);
      if (syntax::kind(c) == Kind::Comment) continue;
      if (ts_node_eq(c, field_named(stmt, "cause"))) continue;
      exc = c;
      break;
    }
    if (ts_node_is_null(exc)) return kReraise;
    // `raise exc` / `raise exc from cause` with the handler's bound name.
    if (!bound_.empty() && syntax::kind(exc) == Kind::Identifier &&
        syntax::text(exc, source_) == bound_) {
      return kReraise;
    }
    return kRaiseOther;
  }

  Outcomes if_statement(TSNode stmt, int depth) {
    Outcomes out = block(field_named(stmt, "consequence"), depth + 1);
    bool has_else = false;
    std::uint32_t n = ts_node_named_child_count(stmt);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(stmt, i);
      if (has_type(c, "elif_clause")) {
        out |= block(field_named(c, "consequence"), depth + 1);
      } else if (syntax::kind(c) == Kind::ElseClause) {
        has_else = true;
        out |= block(syntax::field(c, syntax::fields().body), depth + 1);
      }
    }
    if (!has_else) out |= kNormal;
    return out;
  }

  bool is_infinite(TSNode loop_stmt) const {
    if (syntax::kind(loop_stmt) != Kind::WhileStatement) return false;
    std::string_view cond = syntax::text(field_named(loop_stmt, "condition"), source_);
    return cond == "True" || cond == "1";
  }

  Outcomes loop(TSNode stmt, int depth) {
    Outcomes body = block(syntax::field(stmt, syntax::fields().body), depth + 1);
    Outcomes out = body & kEscape;
    if ((body & kBreak) != 0) out |= kNormal;
    if (!is_infinite(stmt)) {
      // The loop ends normally (condition false / iterator exhausted): the else clause runs.
      TSNode else_clause = field_named(stmt, "alternative");
      out |= ts_node_is_null(else_clause)
                 ? kNormal
                 : block(syntax::field(else_clause, syntax::fields().body), depth + 1);
    }
    return static_cast<Outcomes>(out);
  }

  Outcomes try_statement(TSNode stmt, int depth) {
    Outcomes body = block(syntax::field(stmt, syntax::fields().body), depth + 1);
    Outcomes handlers = 0;
    TSNode else_clause{};
    TSNode finally_clause{};
    std::uint32_t n = ts_node_named_child_count(stmt);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(stmt, i);
      switch (syntax::kind(c)) {
        case Kind::ExceptClause:
          handlers |= block(clause_block(c), depth + 1);
          break;
        case Kind::ElseClause:
          else_clause = c;
          break;
        case Kind::FinallyClause:
          finally_clause = c;
          break;
        default:
          break;
      }
    }
    Outcomes out = body;
    if (!ts_node_is_null(else_clause) && (body & kNormal) != 0) {
      out = static_cast<Outcomes>(
          (body & ~kNormal) | block(syntax::field(else_clause, syntax::fields().body), depth + 1));
    }
    out |= handlers;
    if (!ts_node_is_null(finally_clause)) {
      Outcomes fin = block(clause_block(finally_clause), depth + 1);
      // A finally that always leaves (return/raise) overrides how the rest left; one that
      // falls through lets it continue as it was.
      out = (fin & kNormal) != 0 ? static_cast<Outcomes>(out | (fin & ~kNormal)) : fin;
    }
    return out;
  }

  // `case _:` / `case name:` without a guard always matches.
  static bool irrefutable(TSNode case_clause) {
    if (!ts_node_is_null(field_named(case_clause, "guard"))) return false;
    std::uint32_t patterns = 0;
    TSNode pattern{};
    std::uint32_t n = ts_node_named_child_count(case_clause);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(case_clause, i);
      if (has_type(c, "case_pattern")) {
        ++patterns;
        pattern = c;
      }
    }
    if (patterns != 1) return false;
    std::uint32_t m = ts_node_named_child_count(pattern);
    if (m == 0) return true;  // `_`
    TSNode only = ts_node_named_child(pattern, 0);
    return m == 1 && syntax::kind(only) == Kind::DottedName &&
           ts_node_named_child_count(only) == 1;  // a capture pattern
  }

  Outcomes match_statement(TSNode stmt, int depth) {
    Outcomes out = 0;
    bool exhaustive = false;
    TSNode body = syntax::field(stmt, syntax::fields().body);
    std::uint32_t n = ts_node_named_child_count(body);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(body, i);
      if (!has_type(c, "case_clause")) continue;
      out |= block(field_named(c, "consequence"), depth + 1);
      if (irrefutable(c)) exhaustive = true;
    }
    if (!exhaustive) out |= kNormal;
    return out;
  }

  std::string_view source_;
  std::string_view bound_;
};

// What an except clause catches that matters here.
enum class Caught : std::uint8_t { Nothing, CancelledError, BaseException, Bare };

Caught classify_type(const RuleContext& ctx, TSNode expr, semantic::ScopeId scope, int depth) {
  if (depth > 16) return Caught::Nothing;
  Kind k = syntax::kind(expr);
  if (k == Kind::ParenthesizedExpression || k == Kind::Tuple) {
    Caught best = Caught::Nothing;
    std::uint32_t n = ts_node_named_child_count(expr);
    for (std::uint32_t i = 0; i < n; ++i) {
      Caught c = classify_type(ctx, ts_node_named_child(expr, i), scope, depth + 1);
      if (c == Caught::CancelledError) return c;
      if (c != Caught::Nothing) best = c;
    }
    return best;
  }
  if (k == Kind::Call) {
    // anyio's `except get_cancelled_exc_class():`
    auto qn = ctx.model.qualified_name(syntax::field(expr, syntax::fields().function), scope);
    if (qn && *qn == "anyio.get_cancelled_exc_class") return Caught::CancelledError;
    return Caught::Nothing;
  }
  if (k == Kind::Identifier && ctx.text(expr) == "BaseException" &&
      ctx.model.lookup("BaseException", scope).empty()) {
    return Caught::BaseException;
  }
  auto qn = ctx.model.qualified_name(expr, scope);
  if (!qn) return Caught::Nothing;
  if (*qn == "asyncio.CancelledError" || *qn == "asyncio.exceptions.CancelledError") {
    return Caught::CancelledError;
  }
  if (*qn == "builtins.BaseException") return Caught::BaseException;
  return Caught::Nothing;
}

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
  TSNode parent = ts_node_parent(clause);
  if (syntax::kind(parent) != Kind::TryStatement) return TSNode{};
  return syntax::field(parent, syntax::fields().body);
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

  Outcomes outcomes = Flow(ctx.source, h.bound).block(h.body, 0);
  Outcomes bad = static_cast<Outcomes>(outcomes & ~kReraise);
  if (bad == 0) return;
  if ((outcomes & kReraise) != 0 && consults_cancelling(ctx, h.body)) return;

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

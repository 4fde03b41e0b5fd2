#include "analysis/rules/handler_flow.h"

#include <cstring>
#include <optional>
#include <string>

#include "analysis/syntax/navigation.h"

namespace lw::analysis::handler_flow {

using syntax::Kind;

TSNode clause_block(TSNode clause) {
  std::uint32_t n = ts_node_named_child_count(clause);
  for (std::uint32_t i = n; i-- > 0;) {
    TSNode c = ts_node_named_child(clause, i);
    if (syntax::kind(c) == Kind::Block) return c;
  }
  return TSNode{};
}

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

namespace {

// True for a `def` annotated `-> NoReturn` / `-> Never` (typing or typing_extensions, also as a
// string annotation): calling it never falls through.
bool never_returns(const RuleContext& ctx, TSNode def) {
  TSNode type = syntax::field(def, syntax::fields().return_type);
  if (ts_node_is_null(type)) return false;
  TSNode expr = ts_node_named_child_count(type) == 1 ? ts_node_named_child(type, 0) : type;
  auto own = ctx.model.scope_of(def);
  if (!own) return false;
  const semantic::ScopeId scope = ctx.model.scope(*own).parent;  // where annotations evaluate
  std::optional<std::string> qn;
  if (syntax::kind(expr) == Kind::String) {
    // "NoReturn" / "typing.NoReturn": a dotted name inside quotes, resolved like an expression.
    std::string_view text = ctx.text(expr);
    while (!text.empty() && std::strchr("rRbBuU", text.front()) != nullptr) text.remove_prefix(1);
    while (!text.empty() && (text.front() == '"' || text.front() == '\'')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == '"' || text.back() == '\'')) text.remove_suffix(1);
    if (text.empty() ||
        text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789_.") != std::string_view::npos) {
      return false;
    }
    const std::string_view head = text.substr(0, text.find('.'));
    const std::string_view rest = text.substr(head.size());
    std::string agreed;
    for (semantic::BindingId id : ctx.model.lookup(head, scope)) {
      const semantic::Binding& b = ctx.model.binding(id);
      if (b.kind != semantic::BindingKind::Import) return false;
      if (!agreed.empty() && agreed != b.qualified) return false;
      agreed = b.qualified;
    }
    if (agreed.empty()) return false;
    qn = agreed + std::string(rest);
  } else {
    qn = ctx.model.qualified_name(expr, scope);
  }
  return qn && (*qn == "typing.NoReturn" || *qn == "typing.Never" ||
                *qn == "typing_extensions.NoReturn" || *qn == "typing_extensions.Never");
}

// How a condition in the handler behaves when the caught exception is a CancelledError.
enum class Branch : std::uint8_t {
  Taken,     // always true for a CancelledError: `isinstance(exc, asyncio.CancelledError)`
  NotTaken,  // always false for one: `isinstance(exc, Exception)`
  Doubt,     // a type test against something unresolved (`isinstance(exc, FATAL_ERRORS)`)
  Either,    // not about the exception's type
};

Branch negate(Branch b) {
  if (b == Branch::Taken) return Branch::NotTaken;
  if (b == Branch::NotTaken) return Branch::Taken;
  return b;
}

class Flow {
 public:
  Flow(const RuleContext& ctx, semantic::ScopeId scope, std::string_view bound)
      : ctx_(ctx), source_(ctx.source), scope_(scope), bound_(bound) {}

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
      case Kind::ExpressionStatement:
        return expression_statement(stmt);
      default:
        return kNormal;  // simple statements, nested defs and classes
    }
  }

  // A call (awaited or not) to a function of this file annotated `-> NoReturn` never falls
  // through: handed the caught exception (`self._convert_error(exc)`), it is a helper that
  // re-raises or translates it, and which one is not known: precision first, a re-raise.
  // Otherwise it raises something else.
  Outcomes expression_statement(TSNode stmt) {
    if (ts_node_named_child_count(stmt) != 1) return kNormal;
    TSNode expr = ts_node_named_child(stmt, 0);
    if (syntax::kind(expr) == Kind::Await && ts_node_named_child_count(expr) == 1) {
      expr = ts_node_named_child(expr, 0);
    }
    auto def = ctx_.coroutines.called_definition(expr, scope_);
    if (!def || !never_returns(ctx_, *def)) return kNormal;
    TSNode args = syntax::field(expr, syntax::fields().arguments);
    for (TSNode arg : syntax::named_children(args)) {
      if (!bound_.empty() && syntax::kind(arg) == Kind::Identifier &&
          syntax::text(arg, source_) == bound_) {
        return kReraise;
      }
    }
    return kRaiseOther;
  }

  Outcomes raise(TSNode stmt) {
    // `raise` re-raises the exception being handled. (Inside a nested handler it re-raises
    // that handler's exception; counted as a re-raise all the same: precision first.)
    TSNode exc{};
    std::uint32_t n = ts_node_named_child_count(stmt);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(stmt, i);
      if (syntax::kind(c) == Kind::Comment) continue;
      if (ts_node_eq(c, syntax::field(stmt, syntax::fields().cause))) continue;
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

  // Branches in order; a branch whose condition holds for every CancelledError ends the
  // chain, one that never holds is skipped. An unresolved type test gets the benefit of the
  // doubt: taken when its branch re-raises, skipped otherwise.
  Outcomes if_statement(TSNode stmt, int depth) {
    Outcomes out = 0;
    auto branch = [&](TSNode cond, TSNode body) -> bool {  // true: the chain ends here
      Outcomes taken = block(body, depth + 1);
      Branch b = condition(cond, 0);
      if (b == Branch::Doubt) b = taken == kReraise ? Branch::Taken : Branch::NotTaken;
      if (b == Branch::NotTaken) return false;
      out |= taken;
      return b == Branch::Taken;
    };
    if (branch(syntax::field(stmt, syntax::fields().condition),
               syntax::field(stmt, syntax::fields().consequence)))
      return out;
    std::uint32_t n = ts_node_named_child_count(stmt);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(stmt, i);
      if (syntax::kind(c) == Kind::ElifClause) {
        if (branch(syntax::field(c, syntax::fields().condition),
                   syntax::field(c, syntax::fields().consequence)))
          return out;
      } else if (syntax::kind(c) == Kind::ElseClause) {
        return static_cast<Outcomes>(out |
                                     block(syntax::field(c, syntax::fields().body), depth + 1));
      }
    }
    return static_cast<Outcomes>(out | kNormal);
  }

  bool is_infinite(TSNode loop_stmt) const {
    if (syntax::kind(loop_stmt) != Kind::WhileStatement) return false;
    std::string_view cond =
        syntax::text(syntax::field(loop_stmt, syntax::fields().condition), source_);
    return cond == "True" || cond == "1";
  }

  Outcomes loop(TSNode stmt, int depth) {
    Outcomes body = block(syntax::field(stmt, syntax::fields().body), depth + 1);
    Outcomes out = body & kEscape;
    if ((body & kBreak) != 0) out |= kNormal;
    if (!is_infinite(stmt)) {
      // The loop ends normally (condition false / iterator exhausted): the else clause runs.
      TSNode else_clause = syntax::field(stmt, syntax::fields().alternative);
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
    if (!ts_node_is_null(syntax::field(case_clause, syntax::fields().guard))) return false;
    std::uint32_t patterns = 0;
    TSNode pattern{};
    std::uint32_t n = ts_node_named_child_count(case_clause);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(case_clause, i);
      if (syntax::kind(c) == Kind::CasePattern) {
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
      if (syntax::kind(c) != Kind::CaseClause) continue;
      out |= block(syntax::field(c, syntax::fields().consequence), depth + 1);
      if (irrefutable(c)) exhaustive = true;
    }
    if (!exhaustive) out |= kNormal;
    return out;
  }

  // Would `isinstance(cancelled_error, expr)` be true?
  Branch type_test(TSNode expr, bool exact, int depth) const {
    if (depth > 16) return Branch::Doubt;
    Kind k = syntax::kind(expr);
    if (k == Kind::ParenthesizedExpression || k == Kind::Tuple) {
      bool all_not = true;
      bool doubt = false;
      std::uint32_t n = ts_node_named_child_count(expr);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode c = ts_node_named_child(expr, i);
        if (syntax::kind(c) == Kind::Comment) continue;
        Branch b = type_test(c, exact, depth + 1);
        if (b == Branch::Taken) return b;
        if (b != Branch::NotTaken) all_not = false;
        if (b == Branch::Doubt) doubt = true;
      }
      if (all_not) return Branch::NotTaken;
      return doubt ? Branch::Doubt : Branch::Either;
    }
    Caught caught = classify_type(ctx_, expr, scope_, 0);
    if (caught == Caught::CancelledError) return Branch::Taken;
    if (caught == Caught::BaseException) return exact ? Branch::NotTaken : Branch::Taken;
    if (k == Kind::Identifier) {
      std::string_view name = syntax::text(expr, source_);
      auto ids = ctx_.model.lookup(name, scope_);
      if (ids.empty()) {
        // A builtin: only `object` is a superclass of CancelledError besides BaseException.
        return name == "object" && !exact ? Branch::Taken : Branch::NotTaken;
      }
      bool all_classes_or_imports = true;
      for (auto id : ids) {
        auto kind = ctx_.model.binding(id).kind;
        if (kind != semantic::BindingKind::Class && kind != semantic::BindingKind::Import) {
          all_classes_or_imports = false;
        }
      }
      // A class of this file or an imported name other than CancelledError/BaseException
      // cannot be CancelledError's class or one of its bases.
      if (all_classes_or_imports) return Branch::NotTaken;
      return Branch::Doubt;  // a variable, e.g. a tuple of exception classes
    }
    if (ctx_.model.qualified_name(expr, scope_)) return Branch::NotTaken;
    return Branch::Doubt;
  }

  // A parameter of the function the handler is in (possibly reassigned there, as in
  // contextlib's `if value is None: value = typ()`).
  bool is_parameter(TSNode expr) const {
    if (syntax::kind(expr) != Kind::Identifier) return false;
    auto ids = ctx_.model.lookup(syntax::text(expr, source_), scope_);
    bool parameter = false;
    for (semantic::BindingId id : ids) {
      const semantic::Binding& b = ctx_.model.binding(id);
      if (b.scope != ctx_.model.binding(ids[0]).scope) return false;
      parameter = parameter || b.kind == semantic::BindingKind::Parameter;
    }
    return parameter;
  }

  bool is_bound_name(TSNode expr) const {
    return !bound_.empty() && syntax::kind(expr) == Kind::Identifier &&
           syntax::text(expr, source_) == bound_;
  }

  // `type(exc)` with the bound name.
  bool is_type_of_bound(TSNode expr) const {
    if (syntax::kind(expr) != Kind::Call) return false;
    TSNode callee = syntax::field(expr, syntax::fields().function);
    if (syntax::kind(callee) != Kind::Identifier || syntax::text(callee, source_) != "type" ||
        !ctx_.model.lookup("type", scope_).empty()) {
      return false;
    }
    TSNode args = syntax::field(expr, syntax::fields().arguments);
    return ts_node_named_child_count(args) == 1 && is_bound_name(ts_node_named_child(args, 0));
  }

  Branch condition(TSNode cond, int depth) const {
    if (ts_node_is_null(cond) || depth > 32) return Branch::Either;
    switch (syntax::kind(cond)) {
      case Kind::ParenthesizedExpression:
        if (ts_node_named_child_count(cond) != 1) return Branch::Either;
        return condition(ts_node_named_child(cond, 0), depth + 1);
      case Kind::NotOperator:
        return negate(condition(syntax::field(cond, syntax::fields().argument), depth + 1));
      case Kind::BooleanOperator: {
        Branch l = condition(syntax::field(cond, syntax::fields().left), depth + 1);
        Branch r = condition(syntax::field(cond, syntax::fields().right), depth + 1);
        TSNode op = syntax::field(cond, syntax::fields().operator_);
        bool is_or = !ts_node_is_null(op) && syntax::text(op, source_) == "or";
        Branch absorbing = is_or ? Branch::Taken : Branch::NotTaken;
        Branch neutral = is_or ? Branch::NotTaken : Branch::Taken;
        if (l == absorbing || r == absorbing) return absorbing;
        if (l == neutral) return r;
        if (r == neutral) return l;
        if (is_or && (l == Branch::Doubt || r == Branch::Doubt)) return Branch::Doubt;
        return Branch::Either;
      }
      case Kind::Call: {
        // isinstance(exc, T)
        TSNode callee = syntax::field(cond, syntax::fields().function);
        if (syntax::kind(callee) != Kind::Identifier ||
            syntax::text(callee, source_) != "isinstance" ||
            !ctx_.model.lookup("isinstance", scope_).empty()) {
          return Branch::Either;
        }
        TSNode args = syntax::field(cond, syntax::fields().arguments);
        if (ts_node_named_child_count(args) != 2 || !is_bound_name(ts_node_named_child(args, 0))) {
          return Branch::Either;
        }
        return type_test(ts_node_named_child(args, 1), false, 0);
      }
      case Kind::ComparisonOperator: {
        // type(exc) is T / == T / is not T / != T
        if (ts_node_named_child_count(cond) != 2) return Branch::Either;
        TSNode lhs = ts_node_named_child(cond, 0);
        TSNode rhs = ts_node_named_child(cond, 1);
        std::string op;
        for (std::uint32_t i = 0; i < ts_node_child_count(cond); ++i) {
          TSNode c = ts_node_child(cond, i);
          if (!ts_node_is_named(c)) {
            if (!op.empty()) op.push_back(' ');
            op.append(syntax::text(c, source_));
          }
        }
        // `exc is value` with a parameter of the function: the exception is the one the caller
        // handed in (`__aexit__(self, typ, value, tb)`, contextlib's `athrow` dance), and the
        // branch hands it back (`return False` propagates it); a cancellation delivered to
        // this task is another object.
        if (is_bound_name(lhs) && is_parameter(rhs)) {
          if (op == "is") return Branch::NotTaken;
          if (op == "is not") return Branch::Taken;
          return Branch::Either;
        }
        if (!is_type_of_bound(lhs)) return Branch::Either;
        Branch b = type_test(rhs, true, 0);
        if (op == "is" || op == "==") return b;
        if (op == "is not" || op == "!=") return negate(b);
        return Branch::Either;
      }
      default:
        return Branch::Either;
    }
  }

  const RuleContext& ctx_;
  std::string_view source_;
  semantic::ScopeId scope_;
  std::string_view bound_;
};

}  // namespace

Outcomes outcomes(const RuleContext& ctx, semantic::ScopeId scope, std::string_view bound,
                  TSNode node, int depth) {
  return Flow(ctx, scope, bound).block(node, depth);
}

}  // namespace lw::analysis::handler_flow

#include "analysis/rules/busy_wait.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "analysis/one_of.h"
#include "analysis/rules/async_helpers.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

// Calls a polling condition may make without doing real work.
bool is_state_check_call(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  constexpr std::array<std::string_view, 8> kBuiltins = {"len",        "bool",    "any",     "all",
                                                         "isinstance", "getattr", "hasattr", "min"};
  constexpr std::array<std::string_view, 10> kMethods = {"done",      "is_set",    "empty", "full",
                                                         "locked",    "cancelled", "qsize", "time",
                                                         "monotonic", "get"};
  const auto& f = syntax::fields();
  TSNode callee = h::unparenthesize(syntax::field(call, f.function));
  if (auto qn = ctx.model.qualified_name(callee, scope)) {
    return *qn == "time.monotonic" || *qn == "time.time" || *qn == "time.perf_counter" ||
           *qn == "builtins.len" || *qn == "builtins.sum";
  }
  if (syntax::kind(callee) == Kind::Identifier) {
    return one_of(kBuiltins, ctx.text(callee)) && ctx.model.lookup(ctx.text(callee), scope).empty();
  }
  if (syntax::kind(callee) == Kind::Attribute) {
    return one_of(kMethods, ctx.text(syntax::field(callee, f.attribute)));
  }
  return false;
}

// An expression that only reads in-process state: no await, no other calls.
bool is_cheap(const RuleContext& ctx, TSNode expr, semantic::ScopeId scope) {
  bool ok = true;
  h::walk_function_body(expr, [&](TSNode n) {
    if (!ok) return false;
    Kind k = syntax::kind(n);
    if (k == Kind::Await || k == Kind::Lambda || k == Kind::Yield) ok = false;
    if (k == Kind::Call && !is_state_check_call(ctx, n, scope)) ok = false;
    return ok;
  });
  return ok;
}

bool is_logging_call(const RuleContext& ctx, TSNode stmt) {
  constexpr std::array<std::string_view, 7> kLevels = {"debug",     "info",  "warning", "warn",
                                                       "exception", "error", "log"};
  if (syntax::kind(stmt) != Kind::ExpressionStatement || ts_node_named_child_count(stmt) != 1) {
    return false;
  }
  TSNode call = ts_node_named_child(stmt, 0);
  if (syntax::kind(call) != Kind::Call) return false;
  const auto& f = syntax::fields();
  TSNode callee = syntax::field(call, f.function);
  if (syntax::kind(callee) == Kind::Identifier) return ctx.text(callee) == "print";
  if (syntax::kind(callee) != Kind::Attribute) return false;
  std::string receiver(ctx.text(syntax::field(callee, f.object)));
  for (char& c : receiver) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return one_of(kLevels, ctx.text(syntax::field(callee, f.attribute))) &&
         (receiver.find("log") != std::string::npos);
}

// The arguments of `await sleep(...)` when `stmt` is one (cheap ones only), else a null node.
TSNode sleep_arguments(const RuleContext& ctx, TSNode stmt, semantic::ScopeId scope) {
  if (syntax::kind(stmt) != Kind::ExpressionStatement || ts_node_named_child_count(stmt) != 1) {
    return TSNode{};
  }
  TSNode await = ts_node_named_child(stmt, 0);
  if (syntax::kind(await) != Kind::Await) return TSNode{};
  TSNode call = h::unparenthesize(ts_node_named_child(await, 0));
  if (syntax::kind(call) != Kind::Call || !h::is_sleep_call(ctx, call, scope)) return TSNode{};
  TSNode args = syntax::field(call, syntax::fields().arguments);
  return is_cheap(ctx, args, scope) ? args : TSNode{};
}

// A read of a clock: `time.monotonic()`, `time.time()`, `loop.time()`, ...
bool reads_clock(const RuleContext& ctx, TSNode expr, semantic::ScopeId scope) {
  bool found = false;
  h::walk_function_body(expr, [&](TSNode n) {
    if (found) return false;
    if (syntax::kind(n) != Kind::Call) return true;
    TSNode callee = h::unparenthesize(syntax::field(n, syntax::fields().function));
    if (auto qn = ctx.model.qualified_name(callee, scope)) {
      found = *qn == "time.monotonic" || *qn == "time.time" || *qn == "time.perf_counter";
    } else if (syntax::kind(callee) == Kind::Attribute) {
      std::string_view method = ctx.text(syntax::field(callee, syntax::fields().attribute));
      found = method == "time" || method == "monotonic";
    }
    return !found;
  });
  return found;
}

struct BodyShape {
  int sleeps = 0;
  int exits = 0;  // conditional break / return
  bool other_work = false;
  TSNode sleep_args{};                   // of the one top-level sleep
  std::vector<std::string_view> clocks;  // names the body assigns from a clock read
};

void inspect_block(const RuleContext& ctx, TSNode block, semantic::ScopeId scope, bool top,
                   BodyShape& shape);

// A statement of the loop body (top: directly in the body, where the sleep must be).
void inspect_statement(const RuleContext& ctx, TSNode stmt, semantic::ScopeId scope, bool top,
                       BodyShape& shape) {
  switch (syntax::kind(stmt)) {
    case Kind::Comment:
    case Kind::PassStatement:
    case Kind::ContinueStatement:
      return;
    case Kind::BreakStatement:
    case Kind::ReturnStatement:
    case Kind::RaiseStatement: {
      if (top) shape.other_work = true;  // an unconditional exit: not a polling loop
      bool awaits = false;
      h::walk_function_body(stmt, [&](TSNode n) {
        if (syntax::kind(n) == Kind::Await) awaits = true;
        return !awaits;
      });
      if (awaits) shape.other_work = true;
      ++shape.exits;
      return;
    }
    case Kind::ExpressionStatement: {
      if (TSNode args = sleep_arguments(ctx, stmt, scope); top && !ts_node_is_null(args)) {
        ++shape.sleeps;
        shape.sleep_args = args;
        return;
      }
      if (is_logging_call(ctx, stmt)) return;
      TSNode expr = ts_node_named_child(stmt, 0);
      Kind k = syntax::kind(expr);
      if ((k == Kind::Assignment || k == Kind::AugmentedAssignment) && is_cheap(ctx, expr, scope)) {
        TSNode left = syntax::field(expr, syntax::fields().left);
        if (k == Kind::Assignment && syntax::kind(left) == Kind::Identifier &&
            reads_clock(ctx, syntax::field(expr, syntax::fields().right), scope)) {
          shape.clocks.push_back(ctx.text(left));
        }
        return;
      }
      shape.other_work = true;
      return;
    }
    case Kind::IfStatement: {
      std::uint32_t n = ts_node_named_child_count(stmt);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode c = ts_node_named_child(stmt, i);
        Kind k = syntax::kind(c);
        if (k == Kind::Block) {
          inspect_block(ctx, c, scope, false, shape);
        } else if (k == Kind::ElseClause || k == Kind::ElifClause) {
          std::uint32_t m = ts_node_named_child_count(c);
          for (std::uint32_t j = 0; j < m; ++j) {
            TSNode cc = ts_node_named_child(c, j);
            if (syntax::kind(cc) == Kind::Block) {
              inspect_block(ctx, cc, scope, false, shape);
            } else if (!is_cheap(ctx, cc, scope)) {
              shape.other_work = true;
            }
          }
        } else if (k != Kind::Comment && !is_cheap(ctx, c, scope)) {
          shape.other_work = true;  // the condition calls out or awaits
        }
      }
      return;
    }
    default:
      shape.other_work = true;
      return;
  }
}

void inspect_block(const RuleContext& ctx, TSNode block, semantic::ScopeId scope, bool top,
                   BodyShape& shape) {
  std::uint32_t n = ts_node_named_child_count(block);
  for (std::uint32_t i = 0; i < n && !shape.other_work; ++i) {
    inspect_statement(ctx, ts_node_named_child(block, i), scope, top, shape);
  }
}

bool is_always_true(const RuleContext& ctx, TSNode cond) {
  cond = h::unparenthesize(cond);
  Kind k = syntax::kind(cond);
  return k == Kind::True || (k == Kind::Integer && ctx.text(cond) != "0");
}

}  // namespace

void check_busy_wait(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW305) || !site.context.async_context) return;
  const auto& f = syntax::fields();
  TSNode cond = ts_node_named_child(site.node, 0);
  TSNode body = syntax::field(site.node, f.body);
  if (ts_node_is_null(cond) || ts_node_is_null(body) || cond.id == body.id) return;
  semantic::ScopeId scope = site.context.scope;
  bool forever = is_always_true(ctx, cond);
  if (!forever && !is_cheap(ctx, cond, scope)) return;
  BodyShape shape;
  inspect_block(ctx, body, scope, true, shape);
  if (shape.other_work || shape.sleeps != 1) return;
  if (forever && shape.exits == 0) return;
  // Sleeping until a deadline (`await asyncio.sleep(expiry - now)` after `now =
  // time.monotonic()`) is a timer that re-checks a deadline someone may have moved, not a poll.
  if (reads_clock(ctx, shape.sleep_args, scope)) return;
  std::vector<std::string_view> reads;
  h::collect_reads(ctx, shape.sleep_args, reads);
  for (std::string_view name : reads) {
    if (std::find(shape.clocks.begin(), shape.clocks.end(), name) != shape.clocks.end()) return;
  }

  std::string what = forever ? std::string("a condition") : "`" + std::string(ctx.text(cond)) + "`";
  if (what.size() > 50 || what.find('\n') != std::string::npos) what = "a condition";
  Diagnostic d;
  d.rule = RuleId::LW305;
  d.severity = rule_info(RuleId::LW305).default_severity;
  d.range = ByteRange{ts_node_start_byte(site.node), ts_node_end_byte(cond)};
  d.message = "Busy-wait: this loop polls " + what +
              " with `sleep`, waking up for nothing and noticing the change late; wait on an "
              "`asyncio.Event` (or `asyncio.Condition`) that the code changing the state sets";
  out.report(std::move(d));
}

}  // namespace lw::analysis

#include "analysis/rules/long_range_loop.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>

#include "analysis/rules/async_helpers.h"
#include "analysis/rules/purity.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

constexpr double kLongLoop = 100'000;
constexpr int kMaxDepth = 16;

// Builtins that run a generator expression to its end.
constexpr std::array<std::string_view, 9> kExhaustingBuiltins = {
    "sum", "min", "max", "list", "tuple", "set", "sorted", "frozenset", "dict"};

// The builtin a callee names: an unbound plain name (`range`) or `builtins.range`.
std::optional<std::string_view> builtin_called(const RuleContext& ctx, TSNode callee,
                                               semantic::ScopeId scope) {
  callee = h::unparenthesize(callee);
  if (syntax::kind(callee) == Kind::Identifier) {
    if (!ctx.model.lookup(ctx.text(callee), scope).empty()) return std::nullopt;
    return ctx.text(callee);
  }
  auto qn = ctx.model.qualified_name(callee, scope);
  constexpr std::string_view kBuiltins = "builtins.";
  if (!qn || !qn->starts_with(kBuiltins)) return std::nullopt;
  const std::string_view full = ctx.text(callee);
  const std::string_view name = std::string_view(*qn).substr(kBuiltins.size());
  // A view into the source: the attribute's last component spells the same name.
  if (!full.ends_with(name)) return std::nullopt;
  return full.substr(full.size() - name.size());
}

std::string_view operator_of(TSNode node) {
  TSNode op = ts_node_child_by_field_name(node, "operator", 8);
  return ts_node_is_null(op) ? std::string_view{} : std::string_view(ts_node_type(op));
}

// An integer literal: `100000`, `10_000_000`, `0x10000`, `0o777`, `0b1`.
std::optional<double> integer_literal(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits.push_back(c);
  }
  int base = 10;
  std::string_view s = digits;
  if (s.size() > 2 && s[0] == '0') {
    const char p = static_cast<char>(s[1] | 0x20);
    base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
    if (base != 10) s.remove_prefix(2);
  }
  double value = 0;
  for (char c : s) {
    int digit = 0;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
      digit = (c | 0x20) - 'a' + 10;
    } else {
      return std::nullopt;  // `10L`, `1j`: not a plain int
    }
    if (digit >= base) return std::nullopt;
    value = value * base + digit;
  }
  return value;
}

// The value of an integer expression made of literals, `*`, `**`, `+`, `-`, unary minus and
// parentheses (`10**6`, `1000 * 1000`, `2 ** 20`); nothing for anything else.
std::optional<double> literal_value(const RuleContext& ctx, TSNode node, int depth = 0) {
  if (depth > kMaxDepth || ts_node_is_null(node)) return std::nullopt;
  switch (syntax::kind(node)) {
    case Kind::Integer:
      return integer_literal(ctx.text(node));
    case Kind::ParenthesizedExpression:
      if (ts_node_named_child_count(node) != 1) return std::nullopt;
      return literal_value(ctx, ts_node_named_child(node, 0), depth + 1);
    case Kind::UnaryOperator: {
      auto v = literal_value(ctx, ts_node_child_by_field_name(node, "argument", 8), depth + 1);
      if (!v) return std::nullopt;
      const std::string_view op = operator_of(node);
      if (op == "-") return -*v;
      if (op == "+") return v;
      return std::nullopt;
    }
    case Kind::BinaryOperator: {
      auto l = literal_value(ctx, syntax::field(node, syntax::fields().left), depth + 1);
      auto r = literal_value(ctx, syntax::field(node, syntax::fields().right), depth + 1);
      if (!l || !r) return std::nullopt;
      const std::string_view op = operator_of(node);
      double v = 0;
      if (op == "*") {
        v = *l * *r;
      } else if (op == "**") {
        if (*r < 0) return std::nullopt;  // a float
        v = std::pow(*l, *r);
      } else if (op == "+") {
        v = *l + *r;
      } else if (op == "-") {
        v = *l - *r;
      } else {
        return std::nullopt;
      }
      if (!std::isfinite(v)) return std::nullopt;
      return v;
    }
    default:
      return std::nullopt;
  }
}

// The number of iterations of `range(...)` with literal arguments.
std::optional<double> range_length(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  const auto callee = builtin_called(ctx, syntax::field(call, f.function), scope);
  if (!callee || *callee != "range") return std::nullopt;
  std::array<double, 3> args{};
  std::size_t n = 0;
  for (TSNode arg : syntax::named_children(syntax::field(call, f.arguments))) {
    if (syntax::kind(arg) == Kind::Comment) continue;
    if (n == args.size()) return std::nullopt;
    auto v = literal_value(ctx, arg);
    if (!v) return std::nullopt;
    args[n++] = *v;
  }
  double start = 0, stop = 0, step = 1;
  switch (n) {
    case 1:
      stop = args[0];
      break;
    case 2:
      start = args[0];
      stop = args[1];
      break;
    case 3:
      start = args[0];
      stop = args[1];
      step = args[2];
      break;
    default:
      return std::nullopt;
  }
  if (step == 0) return std::nullopt;
  return std::max(0.0, std::ceil((stop - start) / step));
}

// A statement that leaves `loop` early: a `break` of the loop itself (not of a nested loop),
// or a `return` / `raise` anywhere in it.
bool may_leave_early(TSNode node, bool nested_loop, int depth = 0) {
  if (depth > 64) return true;
  for (TSNode child : syntax::named_children(node)) {
    switch (syntax::kind(child)) {
      case Kind::BreakStatement:
        if (!nested_loop) return true;
        break;
      case Kind::ReturnStatement:
      case Kind::RaiseStatement:
        return true;
      case Kind::ForStatement:
      case Kind::WhileStatement:
        if (may_leave_early(child, true, depth + 1)) return true;
        continue;
      case Kind::FunctionDefinition:
      case Kind::ClassDefinition:
      case Kind::Lambda:
        continue;
      default:
        break;
    }
    if (may_leave_early(child, nested_loop, depth + 1)) return true;
  }
  return false;
}

// A generator expression run to its end at once: the argument of `sum(...)`, `list(...)`, ...
bool exhausted_at_once(const RuleContext& ctx, TSNode genexp, semantic::ScopeId scope) {
  TSNode parent = syntax::parent(genexp);
  if (syntax::kind(parent) == Kind::ArgumentList) {
    if (ts_node_named_child_count(parent) != 1) return false;
    parent = syntax::parent(parent);
  }
  if (syntax::kind(parent) != Kind::Call) return false;
  // The enclosing scope resolves the consumer's name.
  while (ctx.model.scope(scope).kind == semantic::ScopeKind::Comprehension) {
    scope = ctx.model.scope(scope).parent;
  }
  const auto callee = builtin_called(ctx, syntax::field(parent, syntax::fields().function), scope);
  if (!callee) return false;
  for (auto name : kExhaustingBuiltins) {
    if (*callee == name) return true;
  }
  return false;
}

std::string with_separators(double value) {
  std::string digits = std::to_string(static_cast<long long>(value));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

void check_long_range_loop(const RuleContext& ctx, const semantic::Site& site,
                           DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW107)) return;
  if (syntax::is_async(site.node)) return;
  const auto& f = syntax::fields();
  TSNode iterable = h::unparenthesize(syntax::field(site.node, f.right));
  if (syntax::kind(iterable) != Kind::Call) return;
  const auto length = range_length(ctx, iterable, site.context.scope);
  if (!length || *length < kLongLoop) return;

  PurityCheck purity(ctx, site.context.function);
  std::string_view what;
  if (site.kind == Kind::ForStatement) {
    TSNode body = syntax::field(site.node, f.body);
    if (!purity.expression(syntax::field(site.node, f.left)) || !purity.block(body)) return;
    TSNode alternative = syntax::field(site.node, f.alternative);
    if (!ts_node_is_null(alternative) && !purity.block(syntax::field(alternative, f.body))) {
      return;
    }
    if (may_leave_early(body, false)) return;
    what = "`for` loop";
  } else {
    TSNode comprehension = syntax::parent(site.node);
    switch (syntax::kind(comprehension)) {
      case Kind::ListComprehension:
      case Kind::SetComprehension:
      case Kind::DictionaryComprehension:
        what = "comprehension";
        break;
      case Kind::GeneratorExpression:
        if (!exhausted_at_once(ctx, comprehension, site.context.scope)) return;
        what = "generator expression";
        break;
      default:
        return;
    }
    if (!purity.expression(comprehension)) return;
  }

  Diagnostic d;
  d.rule = RuleId::LW107;
  d.severity = rule_info(RuleId::LW107).default_severity;
  d.range = range_of(iterable);
  const std::string fn(ctx.model.function_name(site.context));
  d.message = "The " + std::string(what) + " over `" + std::string(ctx.text(iterable)) + "` (" +
              with_separators(*length) + " iterations) is pure-Python computation that blocks " +
              "the event loop in async function `" + fn +
              "`; a thread would not run it in parallel (the GIL): move it into a function and "
              "run it in a `ProcessPoolExecutor` (`await loop.run_in_executor(process_pool, "
              "func, ...)`)";
  out.report(std::move(d));
}

}  // namespace lw::analysis

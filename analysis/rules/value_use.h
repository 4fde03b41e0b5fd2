#pragma once
// How the code around an expression uses its value, and where a local name is read: shared
// by the rules about values that must be awaited (LW201) or entered/closed (LW204).
#include <tree_sitter/api.h>

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

enum class UseKind : std::uint8_t {
  Awaited,         // `await x`
  Discarded,       // `x` as an expression statement
  TruthTested,     // `if x:`, `while x`, `not x`, `x and ...`, `a if x else b`, `assert x`
  NonAwaitable,    // used as a plain value: `.attr`, `x[...]`, iteration, `len(x)`, operators
  Returned,        // `return x`
  Entered,         // a `with` / `async with` item
  AssignedToName,  // `name = x` (a plain assignment statement to one identifier)
  Escapes,         // anything else: an argument of an unknown call, stored, yielded, ...
};

struct ValueUse {
  UseKind kind = UseKind::Escapes;
  TSNode value{};    // the outermost expression carrying the value (through parentheses,
                     // conditional branches and right operands of `and`/`or`)
  TSNode user{};     // the node that uses it (the `if`, the subscript, the call, the target)
  std::string what;  // NonAwaitable: "a subscript", "iteration", "`len()`", "attribute `.json`"
};

ValueUse classify_use(const RuleContext& ctx, TSNode expr, semantic::ScopeId scope);

// The reads of the name that `target` (an identifier) binds, when that assignment is the only
// binding of the name in its function scope `scope`. `complete` is false when the name may
// also be read in ways not listed: from a nested def/lambda/class, or through `locals()`,
// `vars()`, `eval` or `exec`. Nothing when the binding is not the name's only one, or `scope`
// is not a function scope.
struct NameReads {
  std::vector<TSNode> reads;  // identifier nodes, in source order
  bool complete = true;
};
std::optional<NameReads> reads_of_single_binding(const RuleContext& ctx, TSNode target,
                                                 semantic::ScopeId scope);

// Strips redundant parentheses around an expression.
TSNode strip_parentheses(TSNode node);

// True when a generator expression lies between the site and its function (adding `await`
// there would turn the generator into an async generator; `await` there is legal even in a
// plain def).
bool in_generator_expression(const RuleContext& ctx, const semantic::Context& context);

// True in a notebook (AnalysisOptions::notebook) at the top level of a cell: module scope or a
// comprehension in it, where IPython's autoawait allows `await` and a loop is already running.
bool at_notebook_top_level(const RuleContext& ctx, const semantic::Context& context);

}  // namespace lw::analysis

#pragma once
// "Is this code pure-Python computation?": only arithmetic, comparisons, assignments, loops and
// conditionals, calls to pure builtins (`range`, `len`, `sum`, ...) and `math`, and the
// container methods of the function's own lists/dicts/sets. No await, yield, nested function,
// I/O or unknown call. Shared by LW403 (a function handed to a thread) and LW107 (a long
// `range` loop in async context).
#include <tree_sitter/api.h>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

class PurityCheck {
 public:
  // `scope`: the function whose locals the checked code reads (its own containers).
  PurityCheck(const RuleContext& ctx, semantic::ScopeId scope) : ctx_(ctx), scope_(scope) {}

  // True when every statement of the block is pure computation.
  bool block(TSNode block);
  // True when the expression (a comprehension included) is pure computation.
  bool expression(TSNode expr);
  // True when a loop or comprehension was seen.
  bool has_loop() const { return loop_; }

 private:
  bool statement(TSNode stmt);
  bool optional_clause(TSNode c) { return ts_node_is_null(c) || clause(c); }
  bool clause(TSNode c);
  bool expression_children(TSNode node);
  bool pure_call(TSNode call);
  bool local_container(TSNode object);

  const RuleContext& ctx_;
  semantic::ScopeId scope_;
  bool loop_ = false;
};

}  // namespace lw::analysis

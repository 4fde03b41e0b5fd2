#include "analysis/index/ordinary_path.h"

#include <array>
#include <string>
#include <string_view>

#include "analysis/syntax/navigation.h"

namespace lw::analysis::index {
namespace {

using syntax::Kind;

TSNode condition_of(TSNode node) {  // if_statement / elif_clause
  return ts_node_child_by_field_name(node, "condition", 9);
}

// The last statement of a block is `raise`: the branch reports an error.
bool ends_in_raise(TSNode block) {
  const std::uint32_t n = ts_node_named_child_count(block);
  if (n == 0) return false;
  return syntax::kind(ts_node_named_child(block, n - 1)) == Kind::RaiseStatement;
}

bool is_type_checking(const RuleContext& ctx, TSNode condition) {
  std::string_view text = ctx.text(condition);
  return text == "TYPE_CHECKING" || text == "typing.TYPE_CHECKING";
}

// `X is None` / `not X` / `X is None or ...`: the tested X ("" when the condition is
// something else).
std::string_view lazily_tested(const RuleContext& ctx, TSNode condition) {
  switch (syntax::kind(condition)) {
    case Kind::NotOperator:
      return ctx.text(ts_node_named_child(condition, 0));
    case Kind::ComparisonOperator: {
      if (ts_node_named_child_count(condition) != 2) return {};
      TSNode right = ts_node_named_child(condition, 1);
      if (ctx.text(right) != "None") return {};
      std::string_view op = ctx.text(condition);
      if (op.find(" is not ") != std::string_view::npos) return {};
      if (op.find(" is ") == std::string_view::npos && op.find("==") == std::string_view::npos) {
        return {};
      }
      return ctx.text(ts_node_named_child(condition, 0));
    }
    default:
      return {};
  }
}

// The block assigns `target` (`X = ...` / `self._client = ...` anywhere in it).
bool assigns(const RuleContext& ctx, TSNode block, std::string_view target) {
  if (target.empty()) return false;
  const std::uint32_t end = ts_node_end_byte(block);
  TSTreeCursor cursor = ts_tree_cursor_new(block);
  bool found = false;
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more && !found;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (ts_node_start_byte(node) >= end) break;
    Kind k = syntax::kind(node);
    if (k == Kind::Assignment || k == Kind::AugmentedAssignment) {
      found = ctx.text(syntax::field(node, syntax::fields().left)) == target;
    }
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        more = false;
        break;
      }
      if (ts_node_eq(ts_tree_cursor_current_node(&cursor), block)) {
        more = false;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

// A branch of an if statement left off the ordinary path.
bool is_exceptional_branch(const RuleContext& ctx, TSNode block, TSNode owner) {
  if (ends_in_raise(block)) return true;
  Kind k = syntax::kind(owner);
  if (k != Kind::IfStatement && k != Kind::ElifClause) return false;
  TSNode condition = condition_of(owner);
  if (ts_node_is_null(condition)) return false;
  // Only the branch the condition guards (not the `else` of an if statement).
  if (!ts_node_eq(ts_node_child_by_field_name(owner, "consequence", 11), block)) return false;
  if (is_type_checking(ctx, condition)) return true;
  return assigns(ctx, block, lazily_tested(ctx, condition));
}

}  // namespace

bool on_ordinary_path(const RuleContext& ctx, TSNode call, TSNode function) {
  for (TSNode node = syntax::parent(call); !ts_node_is_null(node) && !ts_node_eq(node, function);
       node = syntax::parent(node)) {
    const Kind k = syntax::kind(node);
    if (k == Kind::ExceptClause) return false;
    if (k != Kind::Block) continue;
    TSNode owner = syntax::parent(node);
    if (ts_node_is_null(owner)) break;
    const Kind o = syntax::kind(owner);
    if (o == Kind::IfStatement || o == Kind::ElifClause || o == Kind::ElseClause) {
      if (is_exceptional_branch(ctx, node, owner)) return false;
    }
  }
  return true;
}

bool is_memoised(const RuleContext& ctx, TSNode function, semantic::ScopeId outer) {
  static constexpr std::array<std::string_view, 3> kMemoisers = {
      "functools.cache", "functools.lru_cache", "functools.cached_property"};
  TSNode decorated = syntax::parent(function);
  if (syntax::kind(decorated) != Kind::DecoratedDefinition) return false;
  for (TSNode d : syntax::named_children(decorated)) {
    if (syntax::kind(d) != Kind::Decorator) continue;
    TSNode expr = ts_node_named_child(d, 0);
    if (syntax::kind(expr) == Kind::Call) expr = syntax::field(expr, syntax::fields().function);
    auto qn = ctx.model.qualified_name(expr, outer);
    if (!qn) continue;
    for (std::string_view m : kMemoisers) {
      if (*qn == m) return true;
    }
  }
  return false;
}

}  // namespace lw::analysis::index

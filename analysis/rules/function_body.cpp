#include "analysis/rules/function_body.h"

#include "analysis/rules/value_use.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

std::string_view last_component(std::string_view s) {
  auto dot = s.rfind('.');
  return dot == std::string_view::npos ? s : s.substr(dot + 1);
}

}  // namespace

bool is_stub_statement(const RuleContext& ctx, TSNode stmt) {
  switch (syntax::kind(stmt)) {
    case Kind::Comment:
    case Kind::PassStatement:
      return true;
    case Kind::ExpressionStatement: {
      if (ts_node_named_child_count(stmt) != 1) return false;
      Kind k = syntax::kind(ts_node_named_child(stmt, 0));
      return k == Kind::String || k == Kind::ConcatenatedString || k == Kind::Ellipsis;
    }
    case Kind::RaiseStatement: {
      if (ts_node_named_child_count(stmt) == 0) return false;
      TSNode exc = strip_parentheses(ts_node_named_child(stmt, 0));
      if (syntax::kind(exc) == Kind::Call) {
        exc = strip_parentheses(syntax::field(exc, syntax::fields().function));
      }
      return last_component(ctx.text(exc)) == "NotImplementedError";
    }
    default:
      return false;
  }
}

bool is_stub_body(const RuleContext& ctx, TSNode def) {
  for (TSNode stmt : syntax::named_children(syntax::field(def, syntax::fields().body))) {
    if (!is_stub_statement(ctx, stmt)) return false;
  }
  return true;
}

}  // namespace lw::analysis

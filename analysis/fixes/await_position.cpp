#include "analysis/fixes/await_position.h"

#include "analysis/syntax/navigation.h"

namespace lw::analysis {

using syntax::Kind;

bool await_needs_parentheses(TSNode expr) {
  TSNode parent = syntax::parent(expr);
  const auto& f = syntax::fields();
  switch (syntax::kind(parent)) {
    case Kind::Attribute:
      return ts_node_eq(syntax::field(parent, f.object), expr);
    case Kind::Subscript:
      return ts_node_eq(syntax::field(parent, f.value), expr);
    case Kind::Call:
      return ts_node_eq(syntax::field(parent, f.function), expr);
    default:
      return false;
  }
}

bool await_allowed(const semantic::SemanticModel& model, const semantic::Context& context) {
  if (!context.async_context) return false;
  for (semantic::ScopeId s = context.scope; s != context.function && s < model.scope_count();
       s = model.scope(s).parent) {
    if (syntax::kind(model.scope(s).node) == Kind::GeneratorExpression) return false;
  }
  return true;
}

}  // namespace lw::analysis

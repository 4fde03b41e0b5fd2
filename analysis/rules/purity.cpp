#include "analysis/rules/purity.h"

#include <array>
#include <string_view>

#include "analysis/one_of.h"
#include "analysis/rules/async_helpers.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

constexpr std::array<std::string_view, 24> kPureBuiltins = {
    "range", "len",    "sum",       "min",  "max",      "abs", "int",    "float",
    "str",   "sorted", "enumerate", "zip",  "round",    "pow", "divmod", "bool",
    "list",  "tuple",  "set",       "dict", "reversed", "all", "any",    "isinstance"};
constexpr std::array<std::string_view, 16> kContainerMethods = {
    "append", "extend", "add",    "update", "pop",     "insert", "setdefault", "get",
    "items",  "keys",   "values", "sort",   "reverse", "copy",   "count",      "index"};

bool is_container_value(TSNode value) {
  switch (syntax::kind(h::unparenthesize(value))) {
    case Kind::List:
    case Kind::Dictionary:
    case Kind::Set:
    case Kind::ListComprehension:
    case Kind::DictionaryComprehension:
    case Kind::SetComprehension:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool PurityCheck::block(TSNode block) {
  std::uint32_t n = ts_node_named_child_count(block);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!statement(ts_node_named_child(block, i))) return false;
  }
  return true;
}

bool PurityCheck::statement(TSNode stmt) {
  const auto& f = syntax::fields();
  switch (syntax::kind(stmt)) {
    case Kind::Comment:
    case Kind::PassStatement:
    case Kind::BreakStatement:
    case Kind::ContinueStatement:
      return true;
    case Kind::ExpressionStatement:
    case Kind::ReturnStatement:
      return expression_children(stmt);
    case Kind::ForStatement:
      if (syntax::is_async(stmt)) return false;
      loop_ = true;
      return expression(syntax::field(stmt, f.left)) && expression(syntax::field(stmt, f.right)) &&
             block(syntax::field(stmt, f.body)) &&
             optional_clause(syntax::field(stmt, f.alternative));
    case Kind::WhileStatement:
      loop_ = true;
      return expression(ts_node_named_child(stmt, 0)) && block(syntax::field(stmt, f.body)) &&
             optional_clause(syntax::field(stmt, f.alternative));
    case Kind::IfStatement: {
      std::uint32_t n = ts_node_named_child_count(stmt);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode c = ts_node_named_child(stmt, i);
        Kind k = syntax::kind(c);
        bool ok = k == Kind::Block                                   ? block(c)
                  : (k == Kind::ElifClause || k == Kind::ElseClause) ? clause(c)
                                                                     : expression(c);
        if (!ok) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

bool PurityCheck::clause(TSNode c) {
  std::uint32_t n = ts_node_named_child_count(c);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode cc = ts_node_named_child(c, i);
    if (!(syntax::kind(cc) == Kind::Block ? block(cc) : expression(cc))) return false;
  }
  return true;
}

bool PurityCheck::expression_children(TSNode node) {
  std::uint32_t n = ts_node_named_child_count(node);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!expression(ts_node_named_child(node, i))) return false;
  }
  return true;
}

bool PurityCheck::expression(TSNode expr) {
  bool ok = true;
  h::walk_function_body(expr, [&](TSNode n) {
    if (!ok) return false;
    switch (syntax::kind(n)) {
      case Kind::Await:
      case Kind::Yield:
      case Kind::Lambda:
      case Kind::FunctionDefinition:
      case Kind::ClassDefinition:
      case Kind::DecoratedDefinition:
        ok = false;
        break;
      case Kind::ListComprehension:
      case Kind::SetComprehension:
      case Kind::DictionaryComprehension:
      case Kind::GeneratorExpression:
        loop_ = true;
        break;
      case Kind::ForInClause:
        if (syntax::is_async(n)) ok = false;
        break;
      case Kind::Call:
        ok = pure_call(n);
        break;
      default:
        break;
    }
    return ok;
  });
  return ok;
}

bool PurityCheck::pure_call(TSNode call) {
  const auto& f = syntax::fields();
  TSNode callee = h::unparenthesize(syntax::field(call, f.function));
  // Calls inside comprehensions resolve in the comprehension's scope; builtins and the
  // function's own locals resolve the same from there.
  if (auto qn = ctx_.model.qualified_name(callee, scope_)) {
    if (qn->starts_with("math.")) return true;
    return qn->starts_with("builtins.") && one_of(kPureBuiltins, qn->substr(9));
  }
  if (syntax::kind(callee) == Kind::Identifier) {
    return one_of(kPureBuiltins, ctx_.text(callee)) &&
           ctx_.model.lookup(ctx_.text(callee), scope_).empty();
  }
  if (syntax::kind(callee) != Kind::Attribute) return false;
  TSNode object = syntax::field(callee, f.object);
  if (!one_of(kContainerMethods, ctx_.text(syntax::field(callee, f.attribute)))) return false;
  return local_container(object);
}

// A name of this function bound only to list/dict/set displays or comprehensions.
bool PurityCheck::local_container(TSNode object) {
  if (syntax::kind(object) != Kind::Identifier) return false;
  const auto& names = ctx_.model.scope(scope_).names;
  auto it = names.find(ctx_.text(object));
  if (it == names.end()) return false;
  for (auto id : it->second) {
    const auto& b = ctx_.model.binding(id);
    if (b.kind != semantic::BindingKind::Assignment || b.unpacked || !is_container_value(b.value)) {
      return false;
    }
  }
  return true;
}

}  // namespace lw::analysis

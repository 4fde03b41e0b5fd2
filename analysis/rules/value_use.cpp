#include "analysis/rules/value_use.h"

#include <array>
#include <string_view>

#include "analysis/one_of.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

constexpr std::uint32_t kMaxDepth = 1000;

// Attributes of a coroutine object that are legitimate to touch without awaiting it.
constexpr std::array<std::string_view, 11> kCoroutineAttributes = {
    "close",   "send",       "throw",     "__await__", "cr_await",    "cr_frame",
    "cr_code", "cr_running", "cr_origin", "__name__",  "__qualname__"};

// Builtins that consume their argument synchronously (a coroutine passed to them is a bug).
constexpr std::array<std::string_view, 21> kSyncBuiltins = {
    "len", "list", "tuple", "set",  "dict",  "sorted", "sum",  "min",       "max", "any",  "all",
    "str", "int",  "float", "bool", "bytes", "iter",   "next", "enumerate", "zip", "print"};
constexpr std::array<std::string_view, 2> kSyncFunctions = {"json.dumps", "json.dump"};

bool same(TSNode a, TSNode b) { return a.id == b.id; }

// Index of `child` among the named, non-comment children of `parent`.
int named_index(TSNode parent, TSNode child) {
  int index = 0;
  for (TSNode c : syntax::named_children(parent)) {
    if (syntax::kind(c) == Kind::Comment) continue;
    if (same(c, child)) return index;
    ++index;
  }
  return -1;
}

// The name of the function a call invokes, when it is a synchronous consumer.
std::optional<std::string> sync_consumer(const RuleContext& ctx, TSNode call,
                                         semantic::ScopeId scope) {
  TSNode callee = strip_parentheses(syntax::field(call, syntax::fields().function));
  if (syntax::kind(callee) == Kind::Identifier) {
    std::string_view name = ctx.text(callee);
    if (one_of(kSyncBuiltins, name) && ctx.model.lookup(name, scope).empty()) {
      return std::string(name);
    }
    return std::nullopt;
  }
  auto qn = ctx.model.qualified_name(callee, scope);
  if (qn && one_of(kSyncFunctions, *qn)) return *qn;
  return std::nullopt;
}

ValueUse use(UseKind kind, TSNode value, TSNode user, std::string what = {}) {
  return ValueUse{kind, value, user, std::move(what)};
}

}  // namespace

TSNode strip_parentheses(TSNode node) {
  while (syntax::kind(node) == Kind::ParenthesizedExpression &&
         ts_node_named_child_count(node) == 1) {
    node = ts_node_named_child(node, 0);
  }
  return node;
}

bool in_generator_expression(const RuleContext& ctx, const semantic::Context& context) {
  for (semantic::ScopeId s = context.scope; s != semantic::kNoScope && s < ctx.model.scope_count();
       s = ctx.model.scope(s).parent) {
    const auto& sc = ctx.model.scope(s);
    if (sc.kind != semantic::ScopeKind::Comprehension) return false;
    if (syntax::kind(sc.node) == Kind::GeneratorExpression) return true;
  }
  return false;
}

bool at_notebook_top_level(const RuleContext& ctx, const semantic::Context& context) {
  if (!ctx.options.notebook) return false;
  for (semantic::ScopeId s = context.scope; s != semantic::kNoScope && s < ctx.model.scope_count();
       s = ctx.model.scope(s).parent) {
    const auto kind = ctx.model.scope(s).kind;
    if (kind == semantic::ScopeKind::Module) return true;
    if (kind != semantic::ScopeKind::Comprehension) return false;
  }
  return false;
}

ValueUse classify_use(const RuleContext& ctx, TSNode expr, semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  TSNode cur = expr;
  for (std::uint32_t guard = 0; guard < kMaxDepth; ++guard) {
    TSNode parent = syntax::parent(cur);
    switch (syntax::kind(parent)) {
      case Kind::ParenthesizedExpression:
        cur = parent;
        continue;
      case Kind::Await:
        return use(UseKind::Awaited, cur, parent);
      case Kind::ExpressionStatement:
        return use(UseKind::Discarded, cur, parent);
      case Kind::IfStatement:
      case Kind::WhileStatement:
      case Kind::ElifClause: {
        TSNode condition = ts_node_child_by_field_name(parent, "condition", 9);
        if (same(condition, cur)) return use(UseKind::TruthTested, cur, parent);
        return use(UseKind::Escapes, cur, parent);
      }
      case Kind::AssertStatement:
        if (named_index(parent, cur) == 0) return use(UseKind::TruthTested, cur, parent);
        return use(UseKind::Escapes, cur, parent);
      case Kind::IfClause:
      case Kind::NotOperator:
        return use(UseKind::TruthTested, cur, parent);
      case Kind::BooleanOperator:
        if (same(syntax::field(parent, f.left), cur)) {
          return use(UseKind::TruthTested, cur, parent);
        }
        cur = parent;  // the right operand is the value of the whole expression
        continue;
      case Kind::ConditionalExpression:
        if (named_index(parent, cur) == 1) return use(UseKind::TruthTested, cur, parent);
        cur = parent;
        continue;
      case Kind::ComparisonOperator:
        return use(UseKind::NonAwaitable, cur, parent, "a comparison");
      case Kind::BinaryOperator:
      case Kind::UnaryOperator:
        return use(UseKind::NonAwaitable, cur, parent, "an operand");
      case Kind::Attribute: {
        if (!same(syntax::field(parent, f.object), cur)) return use(UseKind::Escapes, cur, parent);
        std::string_view attr = ctx.text(syntax::field(parent, f.attribute));
        if (one_of(kCoroutineAttributes, attr)) return use(UseKind::Escapes, cur, parent);
        return use(UseKind::NonAwaitable, cur, parent, "attribute `." + std::string(attr) + "`");
      }
      case Kind::Subscript:
        if (same(syntax::field(parent, f.value), cur)) {
          return use(UseKind::NonAwaitable, cur, parent, "a subscript");
        }
        return use(UseKind::Escapes, cur, parent);
      case Kind::Call:
        if (same(syntax::field(parent, f.function), cur)) {
          return use(UseKind::NonAwaitable, cur, parent, "a call");
        }
        return use(UseKind::Escapes, cur, parent);
      case Kind::KeywordArgument:
        if (!same(syntax::field(parent, f.value), cur)) return use(UseKind::Escapes, cur, parent);
        parent = syntax::parent(parent);
        [[fallthrough]];
      case Kind::ArgumentList: {
        TSNode call = syntax::parent(parent);
        if (syntax::kind(call) == Kind::Call) {
          if (auto consumer = sync_consumer(ctx, call, scope)) {
            return use(UseKind::NonAwaitable, cur, call, "`" + *consumer + "()`");
          }
        }
        return use(UseKind::Escapes, cur, parent);
      }
      case Kind::ListSplat:
      case Kind::DictionarySplat:
        return use(UseKind::NonAwaitable, cur, parent, "unpacking");
      case Kind::ForStatement:
      case Kind::ForInClause:
        if (same(syntax::field(parent, f.right), cur)) {
          return use(UseKind::NonAwaitable, cur, parent, "iteration");
        }
        return use(UseKind::Escapes, cur, parent);
      case Kind::Interpolation:
        return use(UseKind::NonAwaitable, cur, parent, "an f-string");
      case Kind::ReturnStatement:
        return use(UseKind::Returned, cur, parent);
      case Kind::AsPattern: {
        TSNode item = syntax::parent(parent);
        if (syntax::kind(item) == Kind::WithItem) return use(UseKind::Entered, cur, item);
        return use(UseKind::Escapes, cur, parent);
      }
      case Kind::WithItem:
        return use(UseKind::Entered, cur, parent);
      case Kind::Assignment: {
        TSNode left = syntax::field(parent, f.left);
        if (same(syntax::field(parent, f.right), cur) && syntax::kind(left) == Kind::Identifier &&
            syntax::kind(syntax::parent(parent)) == Kind::ExpressionStatement) {
          return use(UseKind::AssignedToName, cur, left);
        }
        return use(UseKind::Escapes, cur, parent);
      }
      default:
        return use(UseKind::Escapes, cur, parent);
    }
  }
  return use(UseKind::Escapes, cur, syntax::parent(cur));
}

namespace {}  // namespace

std::optional<NameReads> reads_of_single_binding(const RuleContext& ctx, TSNode target,
                                                 semantic::ScopeId scope) {
  if (syntax::kind(target) != Kind::Identifier || scope >= ctx.model.scope_count()) {
    return std::nullopt;
  }
  const semantic::Scope& sc = ctx.model.scope(scope);
  if (sc.kind != semantic::ScopeKind::Function) return std::nullopt;
  auto ids = ctx.model.lookup(ctx.text(target), scope);
  if (ids.size() != 1) return std::nullopt;
  const semantic::Binding& b = ctx.model.binding(ids[0]);
  if (b.scope != scope || !same(b.site, target)) return std::nullopt;
  const auto& function = ctx.references.in_function(scope);
  NameReads out;
  out.complete = function.complete && !function.dynamic;
  if (const auto* reads = function.find(ids)) {
    out.reads = reads->own;
    if (reads->nested) out.complete = false;
  }
  return out;
}

}  // namespace lw::analysis

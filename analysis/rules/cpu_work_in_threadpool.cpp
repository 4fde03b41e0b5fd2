#include "analysis/rules/cpu_work_in_threadpool.h"

#include <array>
#include <string>

#include "analysis/rules/async_helpers.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view s) {
  for (auto item : list) {
    if (item == s) return true;
  }
  return false;
}

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

class PurityCheck {
 public:
  PurityCheck(const RuleContext& ctx, semantic::ScopeId scope) : ctx_(ctx), scope_(scope) {}

  // True when every statement of the body is pure computation.
  bool block(TSNode block) {
    std::uint32_t n = ts_node_named_child_count(block);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!statement(ts_node_named_child(block, i))) return false;
    }
    return true;
  }
  bool has_loop() const { return loop_; }

 private:
  bool statement(TSNode stmt) {
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
        return expression(syntax::field(stmt, f.left)) &&
               expression(syntax::field(stmt, f.right)) && block(syntax::field(stmt, f.body)) &&
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

  bool optional_clause(TSNode c) { return ts_node_is_null(c) || clause(c); }

  bool clause(TSNode c) {
    std::uint32_t n = ts_node_named_child_count(c);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode cc = ts_node_named_child(c, i);
      if (!(syntax::kind(cc) == Kind::Block ? block(cc) : expression(cc))) return false;
    }
    return true;
  }

  bool expression_children(TSNode node) {
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!expression(ts_node_named_child(node, i))) return false;
    }
    return true;
  }

  bool expression(TSNode expr) {
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

  bool pure_call(TSNode call) {
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
  bool local_container(TSNode object) {
    if (syntax::kind(object) != Kind::Identifier) return false;
    const auto& names = ctx_.model.scope(scope_).names;
    auto it = names.find(ctx_.text(object));
    if (it == names.end()) return false;
    for (auto id : it->second) {
      const auto& b = ctx_.model.binding(id);
      if (b.kind != semantic::BindingKind::Assignment || b.unpacked ||
          !is_container_value(b.value)) {
        return false;
      }
    }
    return true;
  }

  const RuleContext& ctx_;
  semantic::ScopeId scope_;
  bool loop_ = false;
};

}  // namespace

void check_cpu_work_in_threadpool(const RuleContext& ctx, const semantic::Site& site,
                                  DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW403)) return;
  TSNode fn = h::unparenthesize(h::thread_offloaded_function(ctx, site.node, site.context.scope));
  TSNode def = h::function_named(ctx, fn, site.context.scope);
  if (ts_node_is_null(def) || syntax::is_async(def)) return;
  if (syntax::kind(syntax::parent(def)) == Kind::DecoratedDefinition) return;  // @jit, @cache
  auto scope = ctx.model.scope_of(def);
  if (!scope) return;
  PurityCheck check(ctx, *scope);
  if (!check.block(syntax::field(def, syntax::fields().body)) || !check.has_loop()) return;

  std::string name(ctx.text(fn));
  Diagnostic d;
  d.rule = RuleId::LW403;
  d.severity = rule_info(RuleId::LW403).default_severity;
  d.range = range_of(site.node);
  d.message = "`" + name +
              "` is pure-Python computation: a thread does not run it in parallel (the GIL), so "
              "it still slows down the event loop; run it in a `ProcessPoolExecutor` "
              "(`await loop.run_in_executor(process_pool, " +
              name + ", ...)`)";
  out.report(std::move(d));
}

}  // namespace lw::analysis

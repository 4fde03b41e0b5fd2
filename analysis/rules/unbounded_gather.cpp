#include "analysis/rules/unbounded_gather.h"

#include <string>

#include "analysis/rules/async_helpers.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

constexpr int kMaxCallDepth = 3;

bool in_loop(TSNode node, TSNode function) {
  for (TSNode p = syntax::parent(node); !ts_node_is_null(p); p = syntax::parent(p)) {
    if (!ts_node_is_null(function) && p.id == function.id) return false;
    Kind k = syntax::kind(p);
    if (k == Kind::ForStatement || k == Kind::WhileStatement) return true;
    if (k == Kind::FunctionDefinition || k == Kind::Lambda || k == Kind::ClassDefinition) {
      return false;
    }
  }
  return false;
}

// An iterable whose size the code fixes: a literal display, `range(<constants>)`, a slice
// (`xs[:100]`, batching), a comprehension over one of those, or a name bound to one of
// those (integer literals count, for `range(TOTAL)`).
bool known_size(const RuleContext& ctx, TSNode iterable, semantic::ScopeId scope, int depth = 0) {
  iterable = h::unparenthesize(iterable);
  const auto& f = syntax::fields();
  switch (syntax::kind(iterable)) {
    case Kind::List:
    case Kind::Tuple:
      return true;
    case Kind::Subscript: {
      std::uint32_t n = ts_node_named_child_count(iterable);
      for (std::uint32_t i = 1; i < n; ++i) {
        if (syntax::kind(ts_node_named_child(iterable, i)) == Kind::Slice) return true;
      }
      return false;
    }
    case Kind::Call: {
      TSNode callee = syntax::field(iterable, f.function);
      if (ctx.text(callee) != "range" || !ctx.model.lookup("range", scope).empty()) return false;
      auto args = h::arguments(iterable);
      if (args.empty()) return false;
      for (TSNode a : args) {
        // `range(10)`, `range(TOTAL)` with `TOTAL = 1000`: a size fixed by the code.
        if (!known_size(ctx, a, scope, depth + 1)) return false;
      }
      return true;
    }
    case Kind::Identifier: {
      if (depth > 3) return false;
      auto ids = ctx.model.lookup(ctx.text(iterable), scope);
      if (ids.empty()) return false;
      for (auto id : ids) {
        const auto& b = ctx.model.binding(id);
        if (b.kind != semantic::BindingKind::Assignment || b.unpacked ||
            !known_size(ctx, b.value, b.scope, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    case Kind::Set:
    case Kind::Integer:
      return true;
    case Kind::ListComprehension:
    case Kind::SetComprehension:
    case Kind::GeneratorExpression: {
      // [f(x) for x in <known size>]
      auto inner = ctx.model.scope_of(iterable);
      if (!inner || depth > 3) return false;
      std::uint32_t n = ts_node_named_child_count(iterable);
      bool any = false;
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode clause = ts_node_named_child(iterable, i);
        if (syntax::kind(clause) != Kind::ForInClause) continue;
        any = true;
        if (!known_size(ctx, syntax::field(clause, f.right), *inner, depth + 1)) return false;
      }
      return any;
    }
    default:
      return false;
  }
}

// True when the coroutine function limits its own concurrency.
bool acquires_limit(const RuleContext& ctx, TSNode def, int depth) {
  if (depth > kMaxCallDepth) return true;  // too deep to tell: assume bounded
  auto scope = ctx.model.scope_of(def);
  if (!scope) return true;
  const auto& f = syntax::fields();
  bool bounded = false;
  auto semaphore_like = [&](TSNode expr) {
    expr = h::unparenthesize(expr);
    Kind k = syntax::kind(expr);
    if (k == Kind::Identifier || k == Kind::Attribute) {
      auto type = ctx.types.type_of(expr, *scope);
      if (!type) return true;  // `async with sem:`, `async with self._limiter:`
      return type->find("Semaphore") != std::string::npos ||
             type->find("Limiter") != std::string::npos;
    }
    if (k == Kind::Call) {
      TSNode callee = syntax::field(expr, f.function);
      return syntax::kind(callee) == Kind::Attribute &&
             ctx.text(syntax::field(callee, f.attribute)) == "acquire";
    }
    return false;
  };
  h::walk_function_body(syntax::field(def, f.body), [&](TSNode node) {
    if (bounded) return false;
    Kind k = syntax::kind(node);
    if (k == Kind::WithStatement && syntax::is_async(node)) {
      TSNode clause = ts_node_named_child(node, 0);
      std::uint32_t n = ts_node_named_child_count(clause);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode value = syntax::field(ts_node_named_child(clause, i), f.value);
        if (syntax::kind(value) == Kind::AsPattern) value = ts_node_named_child(value, 0);
        if (semaphore_like(value)) bounded = true;
      }
    } else if (k == Kind::Await) {
      TSNode call = h::unparenthesize(ts_node_named_child(node, 0));
      if (syntax::kind(call) == Kind::Call) {
        TSNode callee = syntax::field(call, f.function);
        if (syntax::kind(callee) == Kind::Attribute &&
            ctx.text(syntax::field(callee, f.attribute)) == "acquire") {
          bounded = true;
        }
        TSNode inner = h::called_function(ctx, call, *scope);
        if (!ts_node_is_null(inner) && inner.id != def.id &&
            acquires_limit(ctx, inner, depth + 1)) {
          bounded = true;
        }
      }
    }
    return !bounded;
  });
  return bounded;
}

// What one element of the fan-out starts: returns a display name when it is known to be
// unbounded, nothing when it is bounded or unknown.
std::optional<std::string> unbounded_element(const RuleContext& ctx, TSNode element,
                                             semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  element = h::unparenthesize(element);
  if (syntax::kind(element) != Kind::Call) return std::nullopt;
  // asyncio.create_task(coro(x)), asyncio.ensure_future(...), tg.create_task(...)
  TSNode callee = syntax::field(element, f.function);
  auto qn = ctx.model.qualified_name(callee, scope);
  bool wraps = qn ? (*qn == "asyncio.create_task" || *qn == "asyncio.ensure_future")
                  : (syntax::kind(callee) == Kind::Attribute &&
                     ctx.text(syntax::field(callee, f.attribute)) == "create_task");
  if (wraps) {
    element = h::unparenthesize(h::positional_argument(element, 0));
    if (syntax::kind(element) != Kind::Call) return std::nullopt;
    callee = syntax::field(element, f.function);
  }
  std::string name(ctx.text(callee));
  if (name.size() > 40 || name.find('\n') != std::string::npos) name = "...";
  TSNode def = h::called_function(ctx, element, scope);
  if (!ts_node_is_null(def)) {
    if (!syntax::is_async(def) || acquires_limit(ctx, def, 0)) return std::nullopt;
    return name;
  }
  if (syntax::kind(callee) == Kind::Attribute && !ctx.model.qualified_name(callee, scope)) {
    auto type = ctx.types.type_of(syntax::field(callee, f.object), scope);
    if (type && (*type == "httpx.AsyncClient" || *type == "aiohttp.ClientSession")) return name;
  }
  return std::nullopt;
}

std::optional<std::string> unbounded_comprehension(const RuleContext& ctx, TSNode comp) {
  auto scope = ctx.model.scope_of(comp);
  if (!scope) return std::nullopt;
  bool unknown = false;
  std::uint32_t n = ts_node_named_child_count(comp);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode clause = ts_node_named_child(comp, i);
    if (syntax::kind(clause) != Kind::ForInClause) continue;
    if (!known_size(ctx, syntax::field(clause, syntax::fields().right), *scope)) unknown = true;
  }
  if (!unknown) return std::nullopt;
  return unbounded_element(ctx, syntax::field(comp, syntax::fields().body), *scope);
}

// `tasks = []` then `tasks.append(coro(x))` inside `for x in xs:` of the same function.
std::optional<std::string> unbounded_list(const RuleContext& ctx, TSNode name,
                                          const semantic::Site& site) {
  const auto& f = syntax::fields();
  auto ids = ctx.model.lookup(ctx.text(name), site.context.scope);
  if (ids.size() != 1) return std::nullopt;
  const auto& b = ctx.model.binding(ids[0]);
  if (b.kind != semantic::BindingKind::Assignment || b.unpacked) return std::nullopt;
  TSNode value = h::unparenthesize(b.value);
  Kind vk = syntax::kind(value);
  if (vk == Kind::ListComprehension || vk == Kind::GeneratorExpression) {
    return unbounded_comprehension(ctx, value);
  }
  if (vk != Kind::List || ts_node_named_child_count(value) != 0) return std::nullopt;
  std::optional<std::string> found;
  for (const auto& s : ctx.model.sites_in(ctx.model.scope(site.context.function).node)) {
    if (s.kind != Kind::Call || s.context.function != site.context.function) continue;
    TSNode callee = syntax::field(s.node, f.function);
    if (syntax::kind(callee) != Kind::Attribute) continue;
    TSNode object = syntax::field(callee, f.object);
    if (syntax::kind(object) != Kind::Identifier || ctx.text(object) != ctx.text(name)) continue;
    std::string_view method = ctx.text(syntax::field(callee, f.attribute));
    if (method != "append") return std::nullopt;  // extend, insert, ...: not the simple shape
    // The innermost loop around the append must iterate over an input of unknown size.
    TSNode loop{};
    for (TSNode p = syntax::parent(s.node); !ts_node_is_null(p); p = syntax::parent(p)) {
      Kind k = syntax::kind(p);
      if (k == Kind::ForStatement || k == Kind::WhileStatement) {
        loop = p;
        break;
      }
      if (k == Kind::FunctionDefinition) break;
    }
    if (syntax::kind(loop) != Kind::ForStatement) return std::nullopt;
    if (known_size(ctx, syntax::field(loop, f.right), s.context.scope)) return std::nullopt;
    auto element = unbounded_element(ctx, h::positional_argument(s.node, 0), s.context.scope);
    if (!element) return std::nullopt;
    found = element;
  }
  return found;
}

}  // namespace

void check_unbounded_gather(const RuleContext& ctx, const semantic::Site& site,
                            DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW304)) return;
  auto qn = h::callee_name(ctx, site.node, site.context.scope);
  if (!qn || *qn != "asyncio.gather") return;
  if (in_loop(site.node, h::function_node(ctx, site.context))) return;  // batches
  std::optional<std::string> element;
  for (TSNode arg : h::arguments(site.node)) {
    if (syntax::kind(arg) != Kind::ListSplat) continue;
    TSNode inner = h::unparenthesize(ts_node_named_child(arg, 0));
    Kind k = syntax::kind(inner);
    if (k == Kind::ListComprehension || k == Kind::GeneratorExpression) {
      element = unbounded_comprehension(ctx, inner);
    } else if (k == Kind::Identifier) {
      element = unbounded_list(ctx, inner, site);
    }
    if (element) break;
  }
  if (!element) return;
  Diagnostic d;
  d.rule = RuleId::LW304;
  d.severity = rule_info(RuleId::LW304).default_severity;
  d.range = range_of(site.node);
  d.message = "`asyncio.gather` starts every `" + *element +
              "` call at once for an input of unknown size; bound the concurrency with an "
              "`asyncio.Semaphore` in the coroutine (or process the input in batches)";
  out.report(std::move(d));
}

}  // namespace lw::analysis

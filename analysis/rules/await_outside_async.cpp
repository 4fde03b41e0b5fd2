// LW207 await-outside-async.
//
// What: `await`, `async for` (statement or comprehension clause) or `async with` outside
// async context: in a plain `def`, a `lambda`, a class body, or at module level, including
// inside a nested def/lambda of an `async def` and inside a list/set/dict comprehension of a
// plain def.
// Why: a SyntaxError ("'await' outside async function"); the module does not even import.
// Not reported: inside a generator expression (an `await` or `async for` there makes it an
// async generator expression, legal anywhere), except in its first iterable, which the
// enclosing function evaluates (`(x for x in await f())` in a plain def); the top level of a
// notebook cell, where IPython's autoawait allows `await`, `async for` and `async with`.
#include "analysis/rules/await_outside_async.h"

#include <string>

#include "analysis/rules/value_use.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

// "in plain function `f`", "in a `lambda`", "in a class body", "at module level"
std::string where(const RuleContext& ctx, const semantic::Site& site) {
  semantic::ScopeId s = site.context.scope;
  while (ctx.model.scope(s).kind == semantic::ScopeKind::Comprehension) {
    s = ctx.model.scope(s).parent;
  }
  switch (ctx.model.scope(s).kind) {
    case semantic::ScopeKind::Module:
      return "at module level";
    case semantic::ScopeKind::Class:
      return "in a class body";
    case semantic::ScopeKind::Lambda:
      return "in a `lambda`";
    default:
      return "in plain function `" + std::string(ctx.model.function_name(site.context)) + "`";
  }
}

std::string advice(const RuleContext& ctx, const semantic::Site& site) {
  semantic::ScopeId s = site.context.scope;
  while (ctx.model.scope(s).kind == semantic::ScopeKind::Comprehension) {
    s = ctx.model.scope(s).parent;
  }
  switch (ctx.model.scope(s).kind) {
    case semantic::ScopeKind::Module:
      return "move the code into an `async def main()` and run it with `asyncio.run(main())`";
    case semantic::ScopeKind::Class:
      return "move it into an `async def` method";
    case semantic::ScopeKind::Lambda:
      return "use an `async def` instead of the `lambda`";
    default:
      return "make `" + std::string(ctx.model.function_name(site.context)) +
             "` an `async def` (and await it where it is called)";
  }
}

// True when a generator expression around `node` evaluates it, so that an `await` there makes
// it an async generator expression; false when `node` lies in the first iterable of every
// generator expression around it (up to the function), which the enclosing scope evaluates.
bool evaluated_by_generator(TSNode node) {
  const auto& f = syntax::fields();
  bool via_iterable = false;  // `child` is a for_in_clause entered through its iterable
  TSNode child = node;
  for (TSNode cur = syntax::parent(node); !ts_node_is_null(cur);
       child = cur, cur = syntax::parent(cur)) {
    switch (syntax::kind(cur)) {
      case Kind::FunctionDefinition:
      case Kind::Lambda:
      case Kind::ClassDefinition:
      case Kind::Module:
        return false;
      case Kind::ForInClause:
        via_iterable = ts_node_eq(syntax::field(cur, f.right), child);
        continue;
      case Kind::GeneratorExpression: {
        TSNode first{};
        for (TSNode c : syntax::named_children(cur)) {
          if (syntax::kind(c) == Kind::ForInClause) {
            first = c;
            break;
          }
        }
        if (!(via_iterable && !ts_node_is_null(first) && ts_node_eq(first, child))) return true;
        via_iterable = false;
        continue;
      }
      default:
        via_iterable = false;
        continue;
    }
  }
  return false;
}

// The statement header `async with a as b` / `async for x in y` (up to the colon).
ByteRange header_range(TSNode statement) {
  std::uint32_t start = ts_node_start_byte(statement);
  std::uint32_t end = ts_node_end_byte(statement);
  std::uint32_t n = ts_node_child_count(statement);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode child = ts_node_child(statement, i);
    if (!ts_node_is_named(child) && std::string_view(ts_node_type(child)) == ":") {
      end = ts_node_end_byte(child);
      break;
    }
  }
  return ByteRange{start, end};
}

}  // namespace

void check_await_outside_async(const RuleContext& ctx, const semantic::Site& site,
                               DiagnosticSink& out) {
  if (site.context.async_context || !ctx.enabled(RuleId::LW207)) return;
  if (at_notebook_top_level(ctx, site.context)) return;
  std::string construct;
  ByteRange range = range_of(site.node);
  switch (site.kind) {
    case Kind::Await:
      construct = "`await`";
      break;
    case Kind::WithStatement:
      if (!syntax::is_async(site.node)) return;
      construct = "`async with`";
      range = header_range(site.node);
      break;
    case Kind::ForStatement:
      if (!syntax::is_async(site.node)) return;
      construct = "`async for`";
      range = header_range(site.node);
      break;
    case Kind::ForInClause:
      if (!syntax::is_async(site.node)) return;
      construct = "`async for` (an async comprehension)";
      break;
    default:
      return;
  }
  if (in_generator_expression(ctx, site.context) && evaluated_by_generator(site.node)) return;
  Diagnostic d;
  d.rule = RuleId::LW207;
  d.severity = rule_info(RuleId::LW207).default_severity;
  d.range = range;
  d.message = construct + " " + where(ctx, site) +
              " is a SyntaxError: it is only allowed inside an `async def`; " + advice(ctx, site);
  out.report(std::move(d));
}

}  // namespace lw::analysis

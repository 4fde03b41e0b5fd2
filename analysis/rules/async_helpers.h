#pragma once
// Small syntax and semantic questions shared by the LW3xx/LW4xx rules: awaited calls, names
// an expression reads, walks that stay inside one function, functions of the file a name or
// `self.method` refers to, receivers that cannot run two operations at once, and the
// "run this function in a thread" call shapes.
#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/rules/rule_context.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis::async_helpers {

// `(x)` -> `x` (any depth).
TSNode unparenthesize(TSNode node);

// The await expression directly around `call` (through parentheses), or a null node.
TSNode awaiting(TSNode call);
inline bool is_awaited(TSNode call) { return !ts_node_is_null(awaiting(call)); }

// The named children of an argument list, comments left out.
std::vector<TSNode> arguments(TSNode call);
// The i-th positional argument (keyword arguments and splats do not count), or a null node.
TSNode positional_argument(TSNode call, std::uint32_t index);
// The value of keyword argument `name`, or a null node.
TSNode keyword_argument(const RuleContext& ctx, TSNode call, std::string_view name);

// The identifiers `expr` reads as variables (not attribute names after `.`, not keyword
// argument names), in source order, including reads inside nested lambdas/comprehensions.
void collect_reads(const RuleContext& ctx, TSNode expr, std::vector<std::string_view>& out);
bool reads_any(const RuleContext& ctx, TSNode expr, const std::vector<std::string_view>& names);

// Calls `fn(node)` for `root` and every descendant, in source order, without entering nested
// def, lambda or class bodies (their decorators and defaults are not visited either).
// `fn` returns false to skip a node's children.
template <typename Fn>
void walk_function_body(TSNode root, Fn&& fn, std::uint32_t depth = 0) {
  if (ts_node_is_null(root) || depth > 400) return;
  if (!fn(root)) return;
  for (TSNode child : syntax::named_children(root)) {
    syntax::Kind k = syntax::kind(child);
    if (k == syntax::Kind::FunctionDefinition || k == syntax::Kind::Lambda ||
        k == syntax::Kind::ClassDefinition || k == syntax::Kind::DecoratedDefinition) {
      continue;
    }
    walk_function_body(child, fn, depth + 1);
  }
}

// The qualified name of a call's callee through the file's imports.
std::optional<std::string> callee_name(const RuleContext& ctx, TSNode call,
                                       semantic::ScopeId scope);
// `asyncio.sleep`, `anyio.sleep`, `trio.sleep`.
bool is_sleep_call(const RuleContext& ctx, TSNode call, semantic::ScopeId scope);

// A callee name that starts with a verb changing state (`create_order`, `post`, `save_all`,
// `sendMessage`, `apply_migration`): such calls are ordered with what comes before them.
bool is_write_name(std::string_view name);

// True when `expr` (a name or dotted attribute chain) denotes a module: its root name is bound
// only by `import a.b` / `import a as b`. A name from `from m import x` may be a module, a
// function, a class or a shared object (`from app.cache import redis_client`): not a module.
bool is_module_reference(const RuleContext& ctx, TSNode expr, semantic::ScopeId scope);

// The `def` a call's callee refers to: a function of this file bound once (`fetch(...)`), or
// `self.method(...)` / `cls.method(...)` inside a method of the class that defines `method`.
TSNode called_function(const RuleContext& ctx, TSNode call, semantic::ScopeId scope);
// The `def` an identifier refers to when it is bound exactly once, by a def of this file.
TSNode function_named(const RuleContext& ctx, TSNode identifier, semantic::ScopeId scope);

// The function definition node of a context's innermost def (null at module level).
TSNode function_node(const RuleContext& ctx, const semantic::Context& context);
// True when the site runs directly in the body of a FastAPI/Starlette route handler.
bool in_route_handler(const RuleContext& ctx, const semantic::Context& context);

// Receivers known to serve concurrent requests (httpx.AsyncClient, aiohttp.ClientSession,
// redis.asyncio.Redis): two operations on one of them may run at the same time.
bool is_concurrency_safe_type(std::string_view type);
// A value (a plain name) that cannot run two operations at once: a session, connection,
// cursor or WebSocket by its inferred type, or, when its type is unknown, by its name
// (`db`, `session`, `conn`, `cursor`, `ws`, `listener`, `proc`, `*_session`, ...).
bool is_stateful_value(const RuleContext& ctx, TSNode identifier, semantic::ScopeId scope);

// A module that imports trio and not asyncio: `asyncio.gather` advice does not apply there.
bool is_trio_program(const RuleContext& ctx);

// `run_in_threadpool(f, ...)`, `asyncio.to_thread(f, ...)`, `anyio.to_thread.run_sync(f, ...)`,
// `<loop>.run_in_executor(None, f, ...)`: the function handed to the thread, or a null node.
TSNode thread_offloaded_function(const RuleContext& ctx, TSNode call, semantic::ScopeId scope);

// The line's indentation before `offset` when only whitespace precedes it on its line.
std::optional<std::string_view> indentation_before(std::string_view source, std::uint32_t offset);

}  // namespace lw::analysis::async_helpers

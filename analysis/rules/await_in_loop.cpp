#include "analysis/rules/await_in_loop.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <vector>

#include "analysis/index/usage.h"
#include "analysis/rules/async_helpers.h"
#include "analysis/semantic/resources.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

bool contains(const std::vector<std::string_view>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool inside(TSNode outer, TSNode inner) {
  return ts_node_start_byte(outer) <= ts_node_start_byte(inner) &&
         ts_node_end_byte(inner) <= ts_node_end_byte(outer);
}

TSNode enclosing_block(TSNode node) {
  for (TSNode p = syntax::parent(node); !ts_node_is_null(p); p = syntax::parent(p)) {
    if (syntax::kind(p) == Kind::Block) return p;
  }
  return TSNode{};
}

// Reads and writes of plain names in a loop body, in the order Python evaluates them closely
// enough to tell whether a read may see the previous iteration's value.
struct Dataflow {
  struct Store {
    std::string_view name;
    std::uint32_t point;                 // the binding is in effect from here
    TSNode region;                       // ... for reads inside this node
    std::vector<std::string_view> from;  // names the bound value is computed from
  };
  struct Load {
    std::string_view name;
    TSNode node;
    bool accumulator = false;  // the left side of `name op= ...`
  };
  std::vector<Store> stores;
  std::vector<Load> loads;
};

class FlowBuilder {
 public:
  FlowBuilder(const RuleContext& ctx, Dataflow& flow) : ctx_(ctx), flow_(flow) {}

  void visit(TSNode node, std::uint32_t depth = 0) {
    if (ts_node_is_null(node) || depth > 300) return;
    const auto& f = syntax::fields();
    switch (syntax::kind(node)) {
      case Kind::Identifier:
        flow_.loads.push_back({ctx_.text(node), node, false});
        return;
      case Kind::Attribute:
        visit(syntax::field(node, f.object), depth + 1);
        return;
      case Kind::KeywordArgument:
        visit(syntax::field(node, f.value), depth + 1);
        return;
      case Kind::FunctionDefinition:
      case Kind::Lambda:
      case Kind::ClassDefinition:
      case Kind::DecoratedDefinition:
        return;
      case Kind::Assignment: {
        TSNode right = syntax::field(node, f.right);
        visit(right, depth + 1);
        store_targets(syntax::field(node, f.left), ts_node_end_byte(node), enclosing_block(node),
                      right, depth + 1);
        return;
      }
      case Kind::AugmentedAssignment: {
        TSNode left = syntax::field(node, f.left);
        TSNode right = syntax::field(node, f.right);
        visit(right, depth + 1);
        if (syntax::kind(left) == Kind::Identifier) {
          flow_.loads.push_back({ctx_.text(left), left, true});
          store(left, ts_node_end_byte(node), enclosing_block(node), right);
        } else {
          visit(left, depth + 1);
        }
        return;
      }
      case Kind::NamedExpression: {
        TSNode value = syntax::field(node, f.value);
        visit(value, depth + 1);
        store(syntax::field(node, f.name), ts_node_end_byte(node), enclosing_block(node), value);
        return;
      }
      case Kind::ForStatement: {
        TSNode right = syntax::field(node, f.right);
        TSNode body = syntax::field(node, f.body);
        visit(right, depth + 1);
        store_targets(syntax::field(node, f.left), ts_node_start_byte(body), body, right,
                      depth + 1);
        visit(body, depth + 1);
        visit(syntax::field(node, f.alternative), depth + 1);
        return;
      }
      case Kind::ForInClause: {
        TSNode right = syntax::field(node, f.right);
        TSNode comprehension = syntax::parent(node);
        visit(right, depth + 1);
        store_targets(syntax::field(node, f.left), ts_node_start_byte(comprehension), comprehension,
                      right, depth + 1);
        return;
      }
      case Kind::WithItem: {
        TSNode value = syntax::field(node, f.value);
        if (syntax::kind(value) != Kind::AsPattern) break;
        TSNode expr = ts_node_named_child(value, 0);
        visit(expr, depth + 1);
        TSNode stmt = syntax::parent(syntax::parent(node));
        TSNode body = syntax::field(stmt, f.body);
        if (ts_node_is_null(body)) return;
        store_targets(syntax::field(value, f.alias), ts_node_start_byte(body), body, expr,
                      depth + 1);
        return;
      }
      case Kind::ExceptClause: {
        TSNode value = syntax::field(node, f.value);
        if (syntax::kind(value) == Kind::AsPattern) {
          visit(ts_node_named_child(value, 0), depth + 1);
          store_targets(syntax::field(value, f.alias), ts_node_start_byte(node), node, TSNode{},
                        depth + 1);
          std::uint32_t n = ts_node_named_child_count(node);
          for (std::uint32_t i = 0; i < n; ++i) {
            TSNode c = ts_node_named_child(node, i);
            if (c.id != value.id) visit(c, depth + 1);
          }
          return;
        }
        break;
      }
      default:
        break;
    }
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) visit(ts_node_named_child(node, i), depth + 1);
  }

 private:
  void store(TSNode ident, std::uint32_t point, TSNode region, TSNode value) {
    if (syntax::kind(ident) != Kind::Identifier) return;
    Dataflow::Store s{ctx_.text(ident), point, region, {}};
    if (!ts_node_is_null(value)) h::collect_reads(ctx_, value, s.from);
    flow_.stores.push_back(std::move(s));
  }

  void store_targets(TSNode target, std::uint32_t point, TSNode region, TSNode value,
                     std::uint32_t depth) {
    if (ts_node_is_null(target) || depth > syntax::kMaxTargetDepth) return;
    if (syntax::kind(target) == Kind::Identifier) {
      store(target, point, region, value);
    } else if (syntax::is_target_list(syntax::kind(target))) {
      for (TSNode t : syntax::named_children(target)) {
        store_targets(t, point, region, value, depth + 1);
      }
    } else {
      visit(target, depth + 1);  // `a[i] = ...`, `a.b = ...` read `a` and `i`
    }
  }

  const RuleContext& ctx_;
  Dataflow& flow_;
};

// True when some iteration may read a value the previous iteration assigned.
bool has_carried_dependency(const Dataflow& flow, const std::vector<std::string_view>& targets) {
  for (const auto& load : flow.loads) {
    if (contains(targets, load.name)) continue;
    bool bound_in_body = false;
    bool covered = false;
    for (const auto& s : flow.stores) {
      if (s.name != load.name) continue;
      bound_in_body = true;
      if (s.point <= ts_node_start_byte(load.node) && !ts_node_is_null(s.region) &&
          inside(s.region, load.node)) {
        covered = true;
        break;
      }
    }
    if (bound_in_body && !covered && !load.accumulator) return true;
  }
  return false;
}

// The loop variable and every name the body computes from it.
std::vector<std::string_view> derived_names(const Dataflow& flow,
                                            std::vector<std::string_view> names) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& s : flow.stores) {
      if (contains(names, s.name)) continue;
      if (std::any_of(s.from.begin(), s.from.end(),
                      [&](std::string_view r) { return contains(names, r); })) {
        names.push_back(s.name);
        changed = true;
      }
    }
  }
  return names;
}

// Synchronisation methods: taking several locks or slots one by one is deliberate.
bool is_ordering_method(std::string_view method) {
  for (std::string_view m : {"acquire", "release", "wait", "join", "put", "get", "lock"}) {
    if (m == method) return true;
  }
  return false;
}

enum class AwaitKind { Neutral, Unsafe, Candidate };

bool name_has(std::string_view name, std::initializer_list<std::string_view> marks) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::any_of(marks.begin(), marks.end(),
                     [&](std::string_view m) { return n.find(m) != std::string::npos; });
}

// Items that are code to run in order: handlers, observers, hooks, middleware. (`listener`
// is not one: in network code it is a socket, `await listener.aclose()` in a loop is not
// ordered; event listeners are caught by their dispatch methods below.)
bool is_handler_name(std::string_view name) {
  return name_has(name, {"handler", "observer", "hook", "callback", "middleware", "subscriber",
                         "plugin", "processor", "consumer", "interceptor", "step", "stage",
                         "watcher", "reducer", "notifier"});
}

// Methods that hand an item an event to react to: `listener.on_message(m)`, `h.handle(e)`.
bool is_dispatch_method(std::string_view method) {
  if (method.starts_with("on_") || method.starts_with("handle")) return true;
  for (std::string_view m : {"dispatch", "notify", "fire", "trigger", "invoke", "call", "__call__",
                             "emit", "receive_event", "process_event"}) {
    if (m == method) return true;
  }
  return false;
}

// Items that are replayed in order: events, messages, commands, migrations, changes.
bool is_ordered_item_name(std::string_view name) {
  return name_has(name, {"event", "message", "msg", "command", "migration", "change", "delta",
                         "revision", "journal", "history", "replay"});
}

// What decides the loop's order before any await is looked at.
struct LoopShape {
  bool handlers = false;  // the target or the iterable names handlers
  std::vector<std::string_view> derived;
};

// True when `call` goes to a coroutine function that never suspends: an `async def` (of this
// file, or of the workspace through the index) whose own body has no await point and is not a
// stub. Awaiting it runs it to completion at once: `gather` would change nothing.
bool never_suspends(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  auto target = ctx.coroutines.coroutine_call(call, scope);
  if (target && !ts_node_is_null(target->definition)) {
    auto fn = ctx.model.scope_of(target->definition);
    return fn && index::never_suspends(ctx, *fn);
  }
  return index::workspace_never_suspends(ctx, call, scope);
}

// Whether one awaited call may overlap with the same call of another iteration.
AwaitKind classify(const RuleContext& ctx, const semantic::ResourceModel& resources, TSNode call,
                   semantic::ScopeId scope, const LoopShape& loop, int depth = 0) {
  const std::vector<std::string_view>& derived = loop.derived;
  const auto& f = syntax::fields();
  if (depth > 4) return AwaitKind::Unsafe;
  if (h::is_sleep_call(ctx, call, scope)) return AwaitKind::Unsafe;
  TSNode callee = h::unparenthesize(syntax::field(call, f.function));
  auto qn = ctx.model.qualified_name(callee, scope);
  TSNode name =
      syntax::kind(callee) == Kind::Attribute ? syntax::field(callee, f.attribute) : callee;
  if (syntax::kind(name) == Kind::Identifier && h::is_write_name(ctx.text(name))) {
    return AwaitKind::Unsafe;  // `apply_migration(m)`, `send(message)`: the order is the point
  }
  if (semantic::ResourceModel::writes_by_method_argument(ctx.source, call)) {
    return AwaitKind::Unsafe;  // `api_request(app, "users", method="post")`
  }
  if (qn) {
    if (*qn == "asyncio.wait_for" || *qn == "asyncio.shield") {
      TSNode inner = h::unparenthesize(h::positional_argument(call, 0));
      if (syntax::kind(inner) != Kind::Call) return AwaitKind::Unsafe;
      return classify(ctx, resources, inner, scope, loop, depth + 1);
    }
    if (qn->starts_with("asyncio.") || qn->starts_with("anyio.") || qn->starts_with("trio.")) {
      // gather/wait (batching), queues, locks, events, subprocess pipes...; threads are fine.
      if (*qn != "asyncio.to_thread" && *qn != "anyio.to_thread.run_sync") {
        return AwaitKind::Unsafe;
      }
    }
  }
  // The loop calls what it iterates over: `for hook in hooks: await hook(event)`; or hands
  // each item to a handler: `await dispatch(result)`, `await handle_message(m)`.
  if (syntax::kind(callee) == Kind::Identifier &&
      (contains(derived, ctx.text(callee)) || is_dispatch_method(ctx.text(callee)))) {
    return AwaitKind::Unsafe;
  }
  bool module_receiver = syntax::kind(callee) == Kind::Attribute &&
                         h::is_module_reference(ctx, syntax::field(callee, f.object), scope);
  if (syntax::kind(callee) == Kind::Attribute && !module_receiver) {
    TSNode receiver = h::unparenthesize(syntax::field(callee, f.object));
    bool per_iteration = h::reads_any(ctx, receiver, derived);
    std::string_view method = ctx.text(syntax::field(callee, f.attribute));
    // Entering, leaving or advancing the items (`await gen.__anext__()`, `__aenter__`):
    // nested contexts and generators are entered and left in order.
    bool protocol = method == "__anext__" || method == "__aenter__" || method == "__aexit__" ||
                    method == "asend" || method == "athrow";
    if (per_iteration && (loop.handlers || protocol || is_dispatch_method(method))) {
      return AwaitKind::Unsafe;  // `for h in handlers: await h.handle(event)`: in order
    }
    if (per_iteration && is_ordering_method(ctx.text(syntax::field(callee, f.attribute)))) {
      return AwaitKind::Unsafe;  // `for lock in locks: await lock.acquire()`: the order matters
    }
    if (!per_iteration) {
      auto type = ctx.types.type_of(receiver, scope);
      if (!type || !h::is_concurrency_safe_type(*type)) return AwaitKind::Unsafe;
    }
  } else if (syntax::kind(callee) != Kind::Identifier && !qn) {
    return AwaitKind::Unsafe;
  }
  // Every iteration goes through one session: `await get_posts(repo, id)` with
  // `repo = Repo(session)`, `await self.repo.get(id)` over `self.session`.
  {
    semantic::CallResources r = resources.of_call(call, scope, module_receiver);
    auto shared = [&](const std::vector<semantic::Resource>& list) {
      return std::any_of(list.begin(), list.end(),
                         [](const semantic::Resource& x) { return x.session_like; });
    };
    TSNode receiver =
        syntax::kind(callee) == Kind::Attribute ? syntax::field(callee, f.object) : TSNode{};
    bool receiver_per_iteration =
        !ts_node_is_null(receiver) && h::reads_any(ctx, receiver, derived);
    if (!receiver_per_iteration && shared(r.receiver)) return AwaitKind::Unsafe;
    for (TSNode arg : h::arguments(call)) {
      TSNode value = arg;
      if (syntax::kind(arg) == Kind::KeywordArgument) value = syntax::field(arg, f.value);
      if (h::reads_any(ctx, value, derived)) continue;
      if (shared(resources.of_expression(value, scope))) return AwaitKind::Unsafe;
    }
  }
  if (never_suspends(ctx, call, scope)) return AwaitKind::Neutral;
  // A session, connection or WebSocket passed to every iteration.
  for (TSNode arg : h::arguments(call)) {
    TSNode value = arg;
    if (syntax::kind(arg) == Kind::KeywordArgument) value = syntax::field(arg, f.value);
    value = h::unparenthesize(value);
    if (syntax::kind(value) == Kind::Identifier && !contains(derived, ctx.text(value)) &&
        h::is_stateful_value(ctx, value, scope)) {
      return AwaitKind::Unsafe;
    }
  }
  return h::reads_any(ctx, call, derived) ? AwaitKind::Candidate : AwaitKind::Neutral;
}

constexpr std::string_view kMutators[] = {"add",        "append",     "extend",  "update",
                                          "setdefault", "insert",     "pop",     "remove",
                                          "discard",    "appendleft", "popitem", "clear"};

bool is_delete(TSNode node) { return std::string_view(ts_node_type(node)) == "delete_statement"; }

// The container text (`memo`, `self._seen`) a statement-level mutation writes: `x[k] = v`,
// `x[k] += v`, `del x[k]`, `x.add(v)`; else empty.
std::string_view mutated_container(const RuleContext& ctx, TSNode node) {
  const auto& f = syntax::fields();
  Kind k = syntax::kind(node);
  if (k == Kind::Assignment || k == Kind::AugmentedAssignment) {
    TSNode left = syntax::field(node, f.left);
    if (syntax::kind(left) == Kind::Subscript) return ctx.text(syntax::field(left, f.value));
    if (syntax::kind(left) == Kind::Attribute) return ctx.text(left);  // `self.model = ...`
    return {};
  }
  if (is_delete(node) && ts_node_named_child_count(node) == 1) {
    TSNode target = ts_node_named_child(node, 0);
    if (syntax::kind(target) == Kind::Subscript) return ctx.text(syntax::field(target, f.value));
    return {};
  }
  if (k == Kind::Call) {
    TSNode callee = h::unparenthesize(syntax::field(node, f.function));
    if (syntax::kind(callee) != Kind::Attribute) return {};
    std::string_view method = ctx.text(syntax::field(callee, f.attribute));
    for (auto m : kMutators) {
      if (m == method) return ctx.text(syntax::field(callee, f.object));
    }
  }
  return {};
}

// True when the body fills a container that outlives the iteration and also reads it
// elsewhere: a later iteration sees what an earlier one stored (`if key in memo: continue`
// ... `memo[key] = await load(key)`). Filling alone (`results.append(...)`) is not a read.
bool shares_state(const RuleContext& ctx, TSNode body,
                  const std::vector<std::string_view>& derived) {
  const auto& f = syntax::fields();
  std::vector<std::string_view> containers;
  std::vector<std::uint32_t> write_positions;  // start of the container text in each write
  h::walk_function_body(body, [&](TSNode node) {
    std::string_view c = mutated_container(ctx, node);
    if (!c.empty() && !contains(derived, c.substr(0, c.find('.')))) {
      containers.push_back(c);
      TSNode object{};
      Kind k = syntax::kind(node);
      if (k == Kind::Call) {
        object = syntax::field(h::unparenthesize(syntax::field(node, f.function)), f.object);
      } else {
        TSNode sub = is_delete(node) ? ts_node_named_child(node, 0) : syntax::field(node, f.left);
        object = syntax::kind(sub) == Kind::Attribute ? sub : syntax::field(sub, f.value);
      }
      write_positions.push_back(ts_node_start_byte(object));
    }
    return true;
  });
  if (containers.empty()) return false;
  bool read = false;
  h::walk_function_body(body, [&](TSNode node) {
    if (read) return false;
    Kind k = syntax::kind(node);
    if (k != Kind::Identifier && k != Kind::Attribute) return true;
    std::string_view t = ctx.text(node);
    if (!contains(containers, t)) return k == Kind::Attribute;
    if (std::find(write_positions.begin(), write_positions.end(), ts_node_start_byte(node)) ==
        write_positions.end()) {
      read = true;
    }
    return false;
  });
  return read;
}

bool writes_shared_session(const RuleContext& ctx, const semantic::ResourceModel& resources,
                           TSNode body, const std::vector<std::string_view>& derived,
                           semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  bool found = false;
  h::walk_function_body(body, [&](TSNode node) {
    if (found) return false;
    if (syntax::kind(node) != Kind::Call) return true;
    TSNode callee = h::unparenthesize(syntax::field(node, f.function));
    if (syntax::kind(callee) != Kind::Attribute ||
        !semantic::ResourceModel::is_write_verb(ctx.text(syntax::field(callee, f.attribute)))) {
      return true;
    }
    TSNode receiver = syntax::field(callee, f.object);
    if (h::reads_any(ctx, receiver, derived)) return true;
    for (const auto& r : resources.of_expression(receiver, scope)) {
      if (r.session_like) found = true;
    }
    return !found;
  });
  return found;
}

// True when the body calls a loop variable: `callback()`, `start(app)`.
bool calls_loop_item(const RuleContext& ctx, TSNode body,
                     const std::vector<std::string_view>& targets) {
  bool found = false;
  h::walk_function_body(body, [&](TSNode node) {
    if (found) return false;
    if (syntax::kind(node) == Kind::Call) {
      TSNode callee = h::unparenthesize(syntax::field(node, syntax::fields().function));
      if (syntax::kind(callee) == Kind::Identifier && contains(targets, ctx.text(callee))) {
        found = true;
      }
      // `self.ensure_async(func)()`: the item, wrapped, is what runs.
      if (syntax::kind(callee) == Kind::Call && h::reads_any(ctx, callee, targets)) found = true;
    }
    return !found;
  });
  return found;
}

bool is_loop(Kind k) { return k == Kind::ForStatement || k == Kind::WhileStatement; }

// `break` / `continue` belong to `loop` when no loop lies between them.
bool belongs_to(TSNode stmt, TSNode loop) {
  for (TSNode p = syntax::parent(stmt); !ts_node_is_null(p); p = syntax::parent(p)) {
    if (p.id == loop.id) return true;
    if (is_loop(syntax::kind(p))) return false;
  }
  return false;
}

}  // namespace

void check_await_in_loop(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW302) || !site.context.async_context) return;
  if (syntax::is_async(site.node)) return;  // `async for`
  const auto& f = syntax::fields();
  TSNode body = syntax::field(site.node, f.body);
  if (ts_node_is_null(body)) return;

  Dataflow flow;
  FlowBuilder builder(ctx, flow);
  std::vector<std::string_view> targets;
  {
    Dataflow head;
    FlowBuilder(ctx, head).visit(syntax::field(site.node, f.left));
    for (const auto& l : head.loads) targets.push_back(l.name);
  }
  if (targets.empty()) return;
  builder.visit(body);
  if (has_carried_dependency(flow, targets)) return;
  LoopShape loop;
  loop.derived = derived_names(flow, targets);
  const auto& derived = loop.derived;
  TSNode iterable = syntax::field(site.node, f.right);
  std::string_view iterable_name = ctx.text(iterable);
  if (auto dot = iterable_name.rfind('.'); dot != std::string_view::npos) {
    iterable_name = iterable_name.substr(dot + 1);
  }
  for (auto t : targets) loop.handlers = loop.handlers || is_handler_name(t);
  loop.handlers = loop.handlers || is_handler_name(iterable_name);
  // Events, messages, migrations: replayed in the order they came.
  if (is_ordered_item_name(iterable_name)) return;
  for (auto t : targets) {
    if (is_ordered_item_name(t)) return;
  }
  // A dict, set or list the body both reads and fills: a memo, a `seen` set.
  if (shares_state(ctx, body, derived)) return;
  // The items are callables the loop runs: `for cb in callbacks: await maybe_future(cb())`,
  // cleanup contexts entered with `cb(app)`.
  if (calls_loop_item(ctx, body, targets)) return;
  // `for it in reversed(self._exits)`: an explicit order (LIFO cleanup).
  if (syntax::kind(iterable) == Kind::Call) {
    TSNode fn = h::unparenthesize(syntax::field(iterable, f.function));
    if (syntax::kind(fn) == Kind::Identifier && ctx.text(fn) == "reversed" &&
        ctx.model.lookup("reversed", site.context.scope).empty()) {
      return;
    }
  }
  const semantic::ResourceModel resources(ctx.source, ctx.model, ctx.types);
  // The body writes through one session every iteration (`self.db.commit()`,
  // `session.add(row)`): concurrent iterations would interleave on it.
  if (writes_shared_session(ctx, resources, body, derived, site.context.scope)) return;

  semantic::ScopeId scope = site.context.scope;
  bool unsafe = false;
  TSNode first{};
  h::walk_function_body(body, [&](TSNode node) {
    if (unsafe) return false;
    switch (syntax::kind(node)) {
      case Kind::ReturnStatement:
      case Kind::Yield:
        unsafe = true;
        return false;
      case Kind::BreakStatement:
        if (belongs_to(node, site.node)) unsafe = true;
        return false;
      case Kind::WithStatement: {
        // A context around an await scopes it (a lock, a timeout, `pytest.raises`).
        bool awaits = syntax::is_async(node);
        h::walk_function_body(node, [&](TSNode n) {
          if (syntax::kind(n) == Kind::Await) awaits = true;
          return !awaits;
        });
        if (awaits) unsafe = true;
        return !unsafe;
      }
      case Kind::ForStatement:
      case Kind::ForInClause:
        if (syntax::is_async(node)) unsafe = true;
        return !unsafe;
      case Kind::Await: {
        TSNode call = h::unparenthesize(ts_node_named_child(node, 0));
        if (syntax::kind(call) != Kind::Call) return true;  // awaiting a task or future
        // Awaits of nested loops are that loop's business; they must still be safe here.
        bool nested = false;
        for (TSNode p = syntax::parent(node); p.id != site.node.id; p = syntax::parent(p)) {
          if (ts_node_is_null(p)) break;
          if (is_loop(syntax::kind(p))) nested = true;
        }
        AwaitKind k = classify(ctx, resources, call, scope, loop);
        if (k == AwaitKind::Unsafe) {
          unsafe = true;
          return false;
        }
        if (k == AwaitKind::Candidate && !nested && ts_node_is_null(first)) first = call;
        return true;
      }
      default:
        return true;
    }
  });
  if (unsafe || ts_node_is_null(first)) return;
  if (h::is_trio_program(ctx)) return;  // checked last: it scans every binding

  Diagnostic d;
  d.rule = RuleId::LW302;
  d.severity = rule_info(RuleId::LW302).default_severity;
  d.range = range_of(first);
  std::string callee(ctx.text(syntax::field(first, f.function)));
  if (callee.size() > 40 || callee.find('\n') != std::string::npos) callee = "...";
  d.message = "`" + callee +
              "` is awaited once per loop iteration and the iterations do not depend on each "
              "other; run them concurrently with `asyncio.gather`" +
              (ctx.options.target_has(11) ? " or an `asyncio.TaskGroup`" : "") +
              " (bounded by an `asyncio.Semaphore` for large inputs)";
  out.report(std::move(d));
}

}  // namespace lw::analysis

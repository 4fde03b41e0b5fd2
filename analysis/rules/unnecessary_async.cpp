// LW208 unnecessary-async (information, tagged Unnecessary).
//
// What: an `async def` whose own body (nested defs, lambdas and classes excluded; its
// comprehensions included) has no `await`, `async for`, `async with` or `yield`. Reported at
// the function's name.
// Why: it pays the coroutine machinery for nothing, and callers must await it; a FastAPI route
// handler declared with plain `def` runs in the thread pool instead.
// Not reported:
//  - stub bodies: any combination of docstring, `...`, `pass`, `raise NotImplementedError`;
//  - bodies that need a running loop: `asyncio.create_task`, `ensure_future`,
//    `get_running_loop`, `get_event_loop`, `current_task`, `TaskGroup`, `timeout`, methods of
//    an event loop, or a local helper that calls those;
//  - bodies that already have another loopwarden finding (a missing `await`, a blocking
//    call: that diagnostic is the real problem and carries the fix), or that call a function
//    whose coroutine-ness nothing knows (imported from the user's other modules: the missing
//    `await` may be there);
//  - dunder methods (`__aenter__`, ...) and async-protocol methods (`aclose`, `asend`,
//    `athrow`), methods decorated `@override`/`@abstractmethod`/`@overload`, methods of
//    classes with a metaclass or a base class that is not a class of this file, methods that
//    override a method of a local base, and methods of classes whose instances may reach other
//    code (the class is not only constructed here, or an instance or `self` is passed on,
//    stored or returned): an interface, maybe duck-typed (test doubles), dictates `async`;
//  - functions with a decorator other than staticmethod/classmethod or FastAPI/Starlette
//    registration (`@app.get`, `@app.on_event`, `@app.exception_handler`): many frameworks
//    require coroutine functions (`@app.middleware`, socket.io, bot frameworks);
//  - functions referenced other than by calling them (`Depends(f)`, `add_task(f)`,
//    `handlers = [f]`), and methods whose name is read as an attribute other than by calling
//    it (`web.get("/me", self.on_me)`): the receiver may require a coroutine function; functions
//    whose coroutine is used other than by awaiting it on the spot (`gather(self._noop())`,
//    `asyncio.run(main())`, `tasks.append(f())`): the callers need an awaitable;
//  - functions another module of the workspace uses as a value or overrides (index/usage.h:
//    `Depends(get_redis)` in main.py, `add_exception_handler`, aiohttp `add_get`,
//    `monkeypatch.setattr`), and fallbacks defined under the name of an import
//    (`except ImportError: async def open_agent(...)`).
// The findings that exempt a body are every rule's, whatever the user selected or suppressed:
// the engine runs the other rules when LW208 is on (ignoring LW102 never makes LW208 appear).
// Fix: for a route handler, "make this route handler sync" (`async def` -> `def`; unsafe).
// This rule is an engine finalizer (engine.cpp): it runs after every site rule, over the
// findings they produced (including suppressed ones).
#include "analysis/rules/unnecessary_async.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analysis/index/usage.h"
#include "analysis/one_of.h"
#include "analysis/rules/function_body.h"
#include "analysis/rules/value_use.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

constexpr std::array<std::string_view, 20> kRunningLoopApis = {"asyncio.create_task",
                                                               "asyncio.ensure_future",
                                                               "asyncio.get_running_loop",
                                                               "asyncio.get_event_loop",
                                                               "asyncio.current_task",
                                                               "asyncio.all_tasks",
                                                               "asyncio.TaskGroup",
                                                               "asyncio.timeout",
                                                               "asyncio.timeout_at",
                                                               "asyncio.Future",
                                                               "asyncio.wrap_future",
                                                               "asyncio.tasks.create_task",
                                                               "asyncio.tasks.ensure_future",
                                                               "asyncio.tasks.current_task",
                                                               "asyncio.events.get_running_loop",
                                                               "asyncio.events.get_event_loop",
                                                               "anyio.get_current_task",
                                                               "anyio.create_task_group",
                                                               "sniffio.current_async_library",
                                                               "trio.lowlevel.current_task"};

constexpr std::array<std::string_view, 3> kInterfaceDecorators = {"override", "abstractmethod",
                                                                  "overload"};

std::string_view last_component(std::string_view s) {
  auto dot = s.rfind('.');
  return dot == std::string_view::npos ? s : s.substr(dot + 1);
}

// Decorators that leave the choice between `def` and `async def` to us.
bool decorators_allow_sync(const RuleContext& ctx, TSNode def, semantic::ScopeId outer) {
  const auto& f = syntax::fields();
  bool route = ctx.framework.is_route_handler(def);
  for (TSNode decorator : semantic::CoroutineRegistry::decorators(def)) {
    TSNode expr = strip_parentheses(ts_node_named_child(decorator, 0));
    if (syntax::kind(expr) == Kind::Call) expr = strip_parentheses(syntax::field(expr, f.function));
    std::string_view text = ctx.text(expr);
    if (one_of(kInterfaceDecorators, last_component(text))) return false;
    if ((text == "staticmethod" || text == "classmethod") &&
        ctx.model.lookup(text, outer).empty()) {
      continue;
    }
    if (syntax::kind(expr) == Kind::Attribute &&
        ctx.framework.is_app_or_router(syntax::field(expr, f.object), outer)) {
      std::string_view method = ctx.text(syntax::field(expr, f.attribute));
      if (route || method == "on_event" || method == "exception_handler") continue;
    }
    return false;
  }
  return true;
}

// A method whose `async` an interface may dictate.
bool implements_interface(const RuleContext& ctx, semantic::ScopeId class_scope,
                          std::string_view method, int depth) {
  if (depth > 8) return true;
  const auto& f = syntax::fields();
  const auto& cls = ctx.model.scope(class_scope);
  TSNode bases = syntax::field(cls.node, f.superclasses);
  if (ts_node_is_null(bases)) return false;
  std::uint32_t n = ts_node_named_child_count(bases);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode base = ts_node_named_child(bases, i);
    Kind k = syntax::kind(base);
    if (k == Kind::Comment) continue;
    if (k == Kind::KeywordArgument) return true;  // metaclass=ABCMeta: an interface
    if (k != Kind::Identifier) return true;
    std::string_view name = ctx.text(base);
    if (name == "object" && ctx.model.lookup(name, cls.parent).empty()) continue;
    auto ids = ctx.model.lookup(name, cls.parent);
    if (ids.size() != 1 || ctx.model.binding(ids[0]).kind != semantic::BindingKind::Class) {
      return true;
    }
    auto base_scope = ctx.model.scope_of(ctx.model.binding(ids[0]).value);
    if (!base_scope) return true;
    if (ctx.model.scope(*base_scope).names.count(method) != 0) return true;
    if (implements_interface(ctx, *base_scope, method, depth + 1)) return true;
  }
  return false;
}

TSNode skip_parentheses_up(TSNode node) {
  while (syntax::kind(syntax::parent(node)) == Kind::ParenthesizedExpression) {
    node = syntax::parent(node);
  }
  return node;
}

// `expr` (through parentheses) is the callee of a call: `f(...)`, `(self.m)(...)`.
bool is_called(TSNode expr) {
  expr = skip_parentheses_up(expr);
  TSNode parent = syntax::parent(expr);
  return syntax::kind(parent) == Kind::Call &&
         ts_node_eq(syntax::field(parent, syntax::fields().function), expr);
}

bool is_attribute_object(TSNode read) {
  read = skip_parentheses_up(read);
  TSNode parent = syntax::parent(read);
  return syntax::kind(parent) == Kind::Attribute &&
         ts_node_eq(syntax::field(parent, syntax::fields().object), read);
}

// True when `name` (bound by `target` in `scope`) is only used for attribute access.
bool only_attribute_access(const RuleContext& ctx, TSNode target, semantic::ScopeId scope) {
  auto reads = reads_of_single_binding(ctx, target, scope);
  if (!reads || !reads->complete) return false;
  for (TSNode read : reads->reads) {
    if (!is_attribute_object(read)) return false;
  }
  return true;
}

// The file-wide questions LW208 asks about its candidates, each answered from an index built
// once, on first need (a file may hold thousands of candidates).
class Indexes {
 public:
  explicit Indexes(const RuleContext& ctx) : ctx_(ctx) {}

  // True when the own body of `function` calls an API that needs the running loop, directly
  // or through a local plain function, or a function whose coroutine-ness is unknown.
  bool needs_loop_or_unknown(semantic::ScopeId function, int depth = 0) {
    if (depth > 4) return false;
    if (auto it = loop_memo_.find(function); it != loop_memo_.end()) return it->second;
    loop_memo_[function] = false;  // in progress: recursion through a cycle adds nothing
    bool result = compute_loop_use(function, depth);
    loop_memo_[function] = result;
    return result;
  }

  // True when the function's name is read other than as the callee of a call.
  bool referenced_as_value(TSNode def, semantic::ScopeId outer) {
    std::string_view name = ctx_.text(syntax::field(def, syntax::fields().name));
    auto ids = ctx_.model.lookup(name, outer);
    if (ids.empty() || !ctx_.references.everywhere_complete()) return true;
    for (TSNode read : ctx_.references.everywhere(ids)) {
      if (!is_called(read)) return true;
    }
    return false;
  }

  // True when an attribute spelled like the method (`self.on_me`, `repo.get`) is read
  // somewhere other than as the callee of a call: the bound method is handed to other code
  // (`web.get("/me", self.on_me)`, a callback list), which may await what it returns.
  bool method_referenced_as_value(std::string_view method) {
    if (auto it = method_values_.find(method); it != method_values_.end()) return it->second;
    const bool result = compute_method_referenced_as_value(method);
    method_values_.emplace(method, result);
    return result;
  }

  // True when some call of the local coroutine function uses the coroutine object other than
  // by awaiting it right there (`gather(self._noop())`, `asyncio.run(main())`).
  bool coroutine_used_as_object(TSNode def) {
    if (!used_as_objects_) {
      used_as_objects_.emplace();
      for (const auto& site : ctx_.model.sites()) {
        if (site.kind != Kind::Call) continue;
        auto target = ctx_.coroutines.coroutine_call(site.node, site.context.scope);
        if (!target || ts_node_is_null(target->definition)) continue;
        if (classify_use(ctx_, site.node, site.context.scope).kind != UseKind::Awaited) {
          used_as_objects_->insert(target->definition.id);
        }
      }
    }
    return used_as_objects_->count(def.id) != 0;
  }

  // True when every instance of the class is made in this file and stays in local hands: the
  // class name is only ever called (not passed, stored or subclassed), each construction is
  // only used for attribute access (`Repo().get()`, `repo = Repo(); await repo.get()`), and no
  // method hands `self` to other code. Otherwise instances reach code that may await their
  // methods through an interface (duck typing, test doubles), which dictates `async`.
  bool instances_stay_local(semantic::ScopeId class_scope) {
    if (auto it = local_classes_.find(class_scope); it != local_classes_.end()) return it->second;
    bool result = compute_instances_stay_local(class_scope);
    local_classes_[class_scope] = result;
    return result;
  }

 private:
  bool compute_method_referenced_as_value(std::string_view method) {
    const std::string_view src = ctx_.source;
    const TSNode root = ctx_.model.scope(semantic::kModuleScope).node;
    for (std::size_t at = src.find(method); at != std::string_view::npos;
         at = src.find(method, at + 1)) {
      if (at == 0 || src[at - 1] != '.') continue;
      const auto end = static_cast<std::uint32_t>(at + method.size());
      if (end < src.size() &&
          (std::isalnum(static_cast<unsigned char>(src[end])) != 0 || src[end] == '_')) {
        continue;
      }
      // `.name(`: called right there (most occurrences: no tree lookup needed).
      const std::size_t next = src.find_first_not_of(" \t", end);
      if (next != std::string_view::npos && src[next] == '(') continue;
      TSNode ident =
          ts_node_named_descendant_for_byte_range(root, static_cast<std::uint32_t>(at), end);
      if (syntax::kind(ident) != Kind::Identifier) continue;
      TSNode attr = syntax::parent(ident);
      if (syntax::kind(attr) != Kind::Attribute ||
          !ts_node_eq(syntax::field(attr, syntax::fields().attribute), ident)) {
        continue;
      }
      if (!is_called(attr)) return true;
    }
    return false;
  }

  const std::vector<const semantic::Site*>& calls_of(semantic::ScopeId function) {
    if (!calls_by_function_) {
      calls_by_function_.emplace();
      for (const auto& site : ctx_.model.sites()) {
        if (site.kind == Kind::Call) (*calls_by_function_)[site.context.function].push_back(&site);
      }
    }
    static const std::vector<const semantic::Site*> kNone;
    auto it = calls_by_function_->find(function);
    return it == calls_by_function_->end() ? kNone : it->second;
  }

  const semantic::Site* call_site(TSNode call) {
    if (!site_by_call_) {
      site_by_call_.emplace();
      for (const auto& site : ctx_.model.sites()) {
        if (site.kind == Kind::Call) (*site_by_call_)[site.node.id] = &site;
      }
    }
    auto it = site_by_call_->find(call.id);
    return it == site_by_call_->end() ? nullptr : it->second;
  }

  bool compute_loop_use(semantic::ScopeId function, int depth) {
    const auto& f = syntax::fields();
    for (const semantic::Site* site : calls_of(function)) {
      TSNode callee = strip_parentheses(syntax::field(site->node, f.function));
      if (auto qn = ctx_.model.qualified_name(callee, site->context.scope)) {
        if (one_of(kRunningLoopApis, *qn)) return true;
      } else if (syntax::kind(callee) == Kind::Attribute) {
        auto type = ctx_.types.type_of(syntax::field(callee, f.object), site->context.scope);
        if (type && *type == "asyncio.AbstractEventLoop") return true;
      }
      if (ctx_.coroutines.may_be_unknown_coroutine(site->node, site->context.scope)) return true;
      if (auto def = ctx_.coroutines.local_function(callee, site->context.scope)) {
        auto scope = ctx_.model.scope_of(*def);
        if (scope && !syntax::is_async(*def) && needs_loop_or_unknown(*scope, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  bool compute_instances_stay_local(semantic::ScopeId class_scope) {
    const auto& f = syntax::fields();
    const auto& cls = ctx_.model.scope(class_scope);
    if (cls.parent == semantic::kNoScope) return false;
    std::string_view name = ctx_.text(syntax::field(cls.node, f.name));
    auto ids = ctx_.model.lookup(name, cls.parent);
    if (ids.empty() || !ctx_.references.everywhere_complete()) return false;
    auto class_reads = ctx_.references.everywhere(ids);
    if (class_reads.empty()) return false;  // instances come from elsewhere
    for (TSNode read : class_reads) {
      TSNode callee = skip_parentheses_up(read);
      TSNode call = syntax::parent(callee);
      if (syntax::kind(call) != Kind::Call ||
          !ts_node_eq(syntax::field(call, f.function), callee)) {
        return false;
      }
      if (is_attribute_object(call)) continue;
      const semantic::Site* site = call_site(call);
      if (site == nullptr) return false;
      ValueUse use = classify_use(ctx_, call, site->context.scope);
      if (use.kind != UseKind::AssignedToName ||
          !only_attribute_access(ctx_, use.user, site->context.scope)) {
        return false;
      }
    }
    // `self` handed on from a method (`registry.add(self)`) escapes too.
    for (const auto& entry : cls.names) {
      for (auto id : entry.second) {
        const auto& b = ctx_.model.binding(id);
        if (b.kind != semantic::BindingKind::Function) continue;
        auto scope = ctx_.model.scope_of(b.value);
        TSNode params = syntax::field(b.value, f.parameters);
        if (!scope || ts_node_named_child_count(params) == 0) continue;
        TSNode first = ts_node_named_child(params, 0);
        if (syntax::kind(first) == Kind::TypedParameter) first = ts_node_named_child(first, 0);
        if (syntax::kind(first) != Kind::Identifier) continue;
        if (!only_attribute_access(ctx_, first, *scope)) return false;
      }
    }
    return true;
  }

  const RuleContext& ctx_;
  std::optional<std::unordered_map<semantic::ScopeId, std::vector<const semantic::Site*>>>
      calls_by_function_;
  std::optional<std::unordered_map<const void*, const semantic::Site*>> site_by_call_;
  std::optional<std::unordered_set<const void*>> used_as_objects_;
  std::unordered_map<semantic::ScopeId, bool> loop_memo_;
  std::unordered_map<semantic::ScopeId, bool> local_classes_;
  std::unordered_map<std::string_view, bool> method_values_;  // method name -> handed on
};

// True when `name` is also bound by an import in `scope`.
bool stands_in_for_import(const RuleContext& ctx, std::string_view name, semantic::ScopeId scope) {
  for (auto id : ctx.model.lookup(name, scope)) {
    if (ctx.model.binding(id).kind == semantic::BindingKind::Import) return true;
  }
  return false;
}

// True when a finding starts inside the def (`starts` sorted).
bool has_finding(const std::vector<std::uint32_t>& starts, TSNode def) {
  auto it = std::lower_bound(starts.begin(), starts.end(), ts_node_start_byte(def));
  return it != starts.end() && *it < ts_node_end_byte(def);
}

std::optional<Fix> make_sync_fix(TSNode def) {
  TSNode async_token = ts_node_child(def, 0);
  TSNode def_token = ts_node_child(def, 1);
  if (ts_node_is_null(def_token) || std::string_view(ts_node_type(def_token)) != "def") {
    return std::nullopt;
  }
  Fix fix;
  fix.title = "Make this route handler sync (`async def` -> `def`)";
  fix.applicability = Applicability::Unsafe;
  fix.edits.push_back(
      TextEdit{{ts_node_start_byte(async_token), ts_node_start_byte(def_token)}, ""});
  // Correct only for the body as analysed: no fix may add an `await` to it in the same pass.
  fix.isolation = range_of(def);
  return fix;
}

}  // namespace

void finalize_unnecessary_async(const RuleContext& ctx,
                                const std::vector<DiagnosticSink::Finding>& findings,
                                DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW208)) return;
  Indexes indexes(ctx);
  std::vector<std::uint32_t> starts;
  starts.reserve(findings.size());
  for (const auto& finding : findings) {
    // File-level codes (syntax errors, suppressions) say nothing about a body's work.
    if (rule_info(finding.rule).code.starts_with("LW0")) continue;
    starts.push_back(finding.range.start);
  }
  // What the workspace's other modules use as values (index/usage.h), read on first need.
  std::optional<std::unordered_set<std::string>> workspace_uses;
  std::sort(starts.begin(), starts.end());
  const auto& f = syntax::fields();
  for (const auto& site : ctx.model.sites()) {
    if (site.kind != Kind::FunctionDefinition || !syntax::is_async(site.node)) continue;
    TSNode def = site.node;
    auto scope = ctx.model.scope_of(def);
    if (!scope) continue;
    semantic::BodyFacts facts = ctx.coroutines.body_facts(*scope);
    if (facts.any_await_point() || facts.yields) continue;
    if (is_stub_body(ctx, def)) continue;
    TSNode name = syntax::field(def, f.name);
    std::string_view fn = ctx.text(name);
    if (fn.size() > 4 && fn.starts_with("__") && fn.ends_with("__")) continue;
    if (fn == "asend" || fn == "athrow" || fn == "aclose") continue;  // async protocols
    semantic::ScopeId outer = ctx.model.scope(*scope).parent;
    if (!decorators_allow_sync(ctx, def, outer)) continue;
    bool method = ctx.model.scope(outer).kind == semantic::ScopeKind::Class;
    if (has_finding(starts, def)) continue;
    if (method &&
        (implements_interface(ctx, outer, fn, 0) || !indexes.instances_stay_local(outer))) {
      continue;
    }
    if (indexes.needs_loop_or_unknown(*scope)) continue;
    bool route = ctx.framework.is_route_handler(def);
    if (!method && !route && indexes.referenced_as_value(def, outer)) continue;
    if (method && !route && indexes.method_referenced_as_value(fn)) continue;
    if (indexes.coroutine_used_as_object(def)) continue;
    // A stand-in for an imported function (`try: from .agent_unix import open_agent` / `except
    // ImportError: async def open_agent(...)`): the import's interface dictates `async`.
    if (stands_in_for_import(ctx, fn, outer)) continue;
    if (ctx.workspace.index != nullptr) {
      // Used as a value by another module (`Depends(get_redis)`, `add_exception_handler`), or
      // overridden there: the code it is handed to awaits it.
      std::string qualified = index::qualified_name_of(ctx, def);
      if (!qualified.empty()) {
        if (!workspace_uses) workspace_uses = index::workspace_value_uses(ctx);
        if (workspace_uses->count(qualified) != 0) continue;
      }
    }

    Diagnostic d;
    d.rule = RuleId::LW208;
    d.severity = rule_info(RuleId::LW208).default_severity;
    d.range = range_of(name);
    d.unnecessary = true;
    if (route) {
      d.message = "Route handler `" + std::string(fn) +
                  "` is `async` but never awaits (no `await`, `async for`, `async with` or "
                  "`yield` in its body): declare it with plain `def` (FastAPI then runs it in "
                  "its thread pool) or keep `async` only if its work is trivial";
      if (auto fix = make_sync_fix(def)) d.fixes.push_back(std::move(*fix));
    } else {
      d.message = "`" + std::string(fn) +
                  "` is `async` but never awaits (no `await`, `async for`, `async with` or "
                  "`yield` in its body): make it a plain `def` and drop the `await` where it "
                  "is called";
    }
    out.report(std::move(d));
  }
}

}  // namespace lw::analysis

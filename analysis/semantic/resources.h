#pragma once
// Resource identity: which object a call goes through, and whether it writes. The
// concurrency rules ask it "may these two awaits run at the same time?" (LW301) and "does
// every iteration go through one session?" (LW302); any rule may.
//
// A resource is a key naming where a value comes from:
//  - a value bound once in this file (`x = ...`, a parameter, `with ... as x`, an import) is
//    its own resource, unless it is built from a session-like resource: `Repo(session)`,
//    `Repo.from_session(session)`, `Service(db)`, `await make_repo(session)`,
//    `session.begin()` then carry the keys of that session;
//  - an attribute of an object is the object's resource when the object derives from a
//    session (`repo.session`, `uow.users`), else a resource of its own (`app.state.redis`);
//  - `self.x` / `cls.x` in a method is what every `self.x = value` of the class derives
//    from (`self.repo = Repo(session)` in `__init__`: the parameter `session`), else the
//    attribute itself;
//  - a FastAPI `Depends(provider)` parameter (default or `Annotated[..., Depends(p)]`) is the
//    provider, plus every session-like dependency the provider itself declares: two
//    repositories whose providers both depend on `get_session` share that session (FastAPI
//    caches a dependency per request).
// Session-like means one operation at a time: a session, connection, cursor, transaction or
// WebSocket by its inferred type, else by its name (`db`, `session`, `conn`, `*_session`).
// HTTP clients that serve concurrent requests (`httpx.AsyncClient`, `aiohttp.ClientSession`,
// `redis.asyncio.Redis`) are never session-like.
#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/semantic/model.h"
#include "analysis/semantic/types.h"

namespace lw::analysis::semantic {

struct Resource {
  std::string key;            // identity: equal keys are the same object
  bool session_like = false;  // cannot run two operations at once
  bool known = true;          // false: a name loopwarden cannot resolve to one binding
  friend bool operator==(const Resource&, const Resource&) = default;
};

// What a call goes through: its receiver (empty for a plain function call or a module
// function) and its arguments.
struct CallResources {
  std::vector<Resource> receiver;
  std::vector<Resource> arguments;
  bool has_receiver = false;  // a method call on a value (not on a module)
  bool writes = false;        // the callee's name is a write verb
};

class ResourceModel {
 public:
  ResourceModel(std::string_view source, const SemanticModel& model, const TypeResolver& types)
      : source_(source), model_(model), types_(types) {}

  // The resources the value of `expr` evaluated in `scope` derives from.
  std::vector<Resource> of_expression(TSNode expr, ScopeId scope) const;
  // The receiver and argument resources of a call. `module_receiver`: the callee's object
  // is a module (`users.load(...)`): no receiver then.
  CallResources of_call(TSNode call, ScopeId scope, bool module_receiver) const;

  // True when both lists share a session-like resource.
  static bool share_session(const std::vector<Resource>& a, const std::vector<Resource>& b);
  // True when both lists are non-empty, all known, and no key of one is the other's or an
  // attribute of it (`app` and `app.db`): loopwarden can tell the two objects apart.
  static bool distinct(const std::vector<Resource>& a, const std::vector<Resource>& b);

  // A type that serves one operation at a time (sessions, connections, cursors, WebSockets).
  static bool is_session_like_type(std::string_view type);
  // A name that usually holds one (`db`, `session`, `conn`, `cursor`, `ws`, `*_session`).
  static bool is_session_like_name(std::string_view name);
  // Receivers known to serve concurrent requests (`httpx.AsyncClient`, ...).
  static bool is_concurrency_safe_type(std::string_view type);
  // A callee name that starts with a verb changing state (`create_order`, `post`, `save_all`,
  // `sendMessage`, `flush`): RULES.md "LW301 independence is about resources".
  static bool is_write_verb(std::string_view name);
  // A request helper told to write by its `method=` argument: `method="post"` (also PUT,
  // PATCH, DELETE), as test helpers and HTTP wrappers take it.
  static bool writes_by_method_argument(std::string_view source, TSNode call);

 private:
  std::vector<Resource> of_expression(TSNode expr, ScopeId scope, int depth) const;
  std::vector<Resource> of_identifier(TSNode ident, ScopeId scope, int depth) const;
  std::vector<Resource> of_binding(BindingId id, TSNode ident, ScopeId scope, int depth) const;
  std::vector<Resource> of_self_attribute(ScopeId class_scope, std::string_view attr,
                                          int depth) const;
  std::vector<Resource> of_dependency(TSNode depends_call, ScopeId scope, TSNode annotation,
                                      std::string_view param, int depth) const;
  // The `Depends(...)` call a parameter default or annotation holds (through `Annotated`
  // and module-level aliases), or a null node.
  TSNode depends_call(TSNode node, ScopeId scope, int depth) const;
  // The session-like resources of the `Depends` parameters of a provider def.
  void provider_dependencies(TSNode def, int depth, std::vector<Resource>& out) const;
  // The session-like resources a call's receiver and arguments derive from.
  std::vector<Resource> derived_from(TSNode call, ScopeId scope, int depth) const;
  bool session_like_value(TSNode ident, ScopeId scope) const;
  std::string_view text(TSNode node) const;

  std::string_view source_;
  const SemanticModel& model_;
  const TypeResolver& types_;
  mutable std::unordered_map<std::string, std::vector<Resource>> self_attributes_;
};

}  // namespace lw::analysis::semantic

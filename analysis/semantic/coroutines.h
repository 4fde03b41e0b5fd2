#pragma once
// The coroutine-function registry: which calls return a coroutine (or another awaitable that
// does nothing until awaited), for LW201 and the rules around it.
//
// (`asyncio.gather` and `asyncio.shield` return an already scheduled Future rather than a
// coroutine; they are listed too, flagged `future`: their result must still be awaited.)
//
// Sources, in order:
//  1. `async def` functions of this file, resolved by name through the scopes (a name bound
//     only to coroutine functions), and methods called as `self.m()` / `cls.m()` from a
//     method of the class that defines `m`, or on an instance of a class of this file
//     (`svc = Service(); svc.m()`). An `async def` containing `yield` is an async generator
//     function, not a coroutine function; one with an unknown decorator is not known (the
//     decorator may return anything).
//  2. Well-known async APIs (async_functions.inc): module functions by qualified name and
//     methods by receiver type (semantic::TypeResolver).
//  3. The user's `extend-async-functions` qualified names.
//  4. Other sources (CoroutineSource): the workspace index of coroutine functions defined in
//     other files of the project, plugged in by the caller of analyze().
//
// The registry also records what each function's own body contains (await, async for/with,
// yield), which LW207 and LW208 need.
#include <tree_sitter/api.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/semantic/framework.h"
#include "analysis/semantic/model.h"
#include "analysis/semantic/types.h"

namespace lw::analysis::semantic {

// A further source of coroutine functions, e.g. the `async def`s of the other files of the
// workspace. Names are qualified the way SemanticModel::qualified_name resolves imports:
// "pkg.mod.fetch", or ".mod.fetch" for a relative import.
class CoroutineSource {
 public:
  virtual ~CoroutineSource() = default;
  // true: a coroutine function; false: known not to be one; nullopt: not known here.
  virtual std::optional<bool> is_coroutine_function(std::string_view qualified_name) const = 0;
  // The installed library ("vendorsdk 1.4.2") that defines it, "" for the workspace's own.
  virtual std::string library_of(std::string_view /*qualified_name*/) const { return {}; }
};

struct CoroutineTarget {
  std::string name;     // for messages: "fetch_data", "asyncio.sleep", "UploadFile.read"
  TSNode definition{};  // the `async def` when it is defined in this file
  bool future = false;  // returns a scheduled Future (`asyncio.gather`): its methods may be used
  std::string library = {};  // "vendorsdk 1.4.2" for a coroutine function of an installed library
};

// What a function's own body (not nested defs, lambdas or classes) contains.
struct BodyFacts {
  bool awaits = false;      // `await` (including inside its comprehensions)
  bool async_for = false;   // `async for` statement or async comprehension clause
  bool async_with = false;  // `async with`
  bool yields = false;      // `yield` / `yield from`
  bool any_await_point() const { return awaits || async_for || async_with; }
};

class CoroutineRegistry {
 public:
  CoroutineRegistry(const SemanticModel& model, const TypeResolver& types,
                    const Framework& framework, std::span<const std::string> extend_async_functions,
                    std::span<const CoroutineSource* const> sources = {});

  // The coroutine function `call` invokes, evaluated in `scope`, if it is known to be one.
  std::optional<CoroutineTarget> coroutine_call(TSNode call, ScopeId scope) const;

  // True when `call` invokes a function whose coroutine-ness nothing knows: one imported from
  // a module that is neither the standard library nor a catalogued library (the user's own
  // code in another file, which no source answered for), or an unlisted method of a type whose
  // methods are mostly coroutines. LW208 stays silent then: the missing `await` may be there.
  bool may_be_unknown_coroutine(TSNode call, ScopeId scope) const;

  // The `def` of this file that `call` invokes, if exactly one: a function by name, or a
  // method through `self`/`cls`/an instance of a local class (sync or async).
  std::optional<TSNode> called_definition(TSNode call, ScopeId scope) const;

  // Local functions: `def`/`async def` nodes of this file.
  bool is_coroutine_function(TSNode function_definition) const;
  bool is_async_generator_function(TSNode function_definition) const;
  // A plain `def` whose body yields and that has no decorator.
  bool is_plain_generator_function(TSNode function_definition) const;
  // The single local function definition `callee` (an identifier) names, if any.
  std::optional<TSNode> local_function(TSNode callee, ScopeId scope) const;

  // Facts about the own body of a def/lambda scope (empty facts for other scopes).
  BodyFacts body_facts(ScopeId function_scope) const;

  // The decorators of a def (empty when undecorated).
  static std::vector<TSNode> decorators(TSNode function_definition);

 private:
  bool decorators_keep_coroutine(TSNode def, ScopeId outer) const;
  std::optional<CoroutineTarget> local_call(TSNode callee, ScopeId scope) const;
  std::optional<CoroutineTarget> method_call(TSNode callee, ScopeId scope) const;
  std::optional<CoroutineTarget> qualified_call(const std::string& qn) const;
  // The class scope a method-call receiver denotes (`self`, `cls`, an instance of a local
  // class), if any.
  std::optional<ScopeId> receiver_class(TSNode receiver, ScopeId scope) const;
  std::optional<TSNode> class_method(ScopeId class_scope, std::string_view name) const;

  const SemanticModel& model_;
  const TypeResolver& types_;
  const Framework& framework_;
  std::span<const std::string> extend_;
  std::span<const CoroutineSource* const> sources_;
  std::unordered_map<ScopeId, BodyFacts> facts_;
};

}  // namespace lw::analysis::semantic

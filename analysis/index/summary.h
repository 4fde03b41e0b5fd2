#pragma once
// Per-function summaries of one module, computed from its semantic model: what the workspace
// index needs to follow calls across files (LW109 transitive blocking, cross-file LW201).
// Small by design: names, flags, byte ranges.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"
#include "analysis/rules/catalog.h"

namespace lw::analysis::index {

// Which module a file is: its dotted name ("" when unknown), its path, whether it is a
// package's __init__.py (relative imports then start from the package itself).
struct ModuleIdentity {
  std::string module;
  std::string path;
  bool is_package = false;
  // An installed library's module ("requests 2.31.0": its distribution and version): it is
  // summarised (keeping only its functions' ordinary paths, index/ordinary_path.h) and never
  // analysed for diagnostics. Empty for the workspace's own modules.
  std::string library{};
};

// A type as another module reads it (TypeRef): a canonical type ("requests.Session",
// "app.clients.Rates"), or what the reader resolves through its own index:
// "name:kit.db.Session" (the class a qualified name denotes, through re-exports),
// "call:app.db.open_session" (what calling it gives), "value:app.db.engine" (a module-level
// value), "member:NAME:REF" (attribute NAME of a value of type REF), "method:NAME:REF" (what
// calling method NAME of a value of type REF gives). "" means unknown (or assignments that
// disagree).
using TypeRef = std::string;

struct BlockingCall {
  RuleId rule{};
  std::string name;  // "open", "time.sleep", "requests.Session.get"
  ByteRange range;
  friend bool operator==(const BlockingCall&, const BlockingCall&) = default;
};

struct CallEdge {
  std::string target;  // absolute qualified name: "pkg.helpers.load_config", "pkg.mod.Cls.m"
  ByteRange range;     // the call
  // A method call on a receiver whose type only the reader's index can tell
  // (`self.session.query(...)` where `session: Session` is re-exported by another module):
  // target is empty, `receiver` is the receiver's TypeRef and `method` the method's name.
  TypeRef receiver;
  std::string method;
  friend bool operator==(const CallEdge&, const CallEdge&) = default;
};

// A class of the module: its bases and the types of its attributes (class-level annotations
// and assignments, `self.x = ...` in any method; every assignment must agree).
struct ClassSummary {
  std::string qualified;                                    // "app.clients.Rates"
  std::vector<std::string> bases;                           // absolute qualified names
  std::vector<std::pair<std::string, TypeRef>> attributes;  // name -> type ("" unknown)
  ByteRange name_range;
  friend bool operator==(const ClassSummary&, const ClassSummary&) = default;
};

// Where a typed value comes from, for the related location of a finding that rests on it.
struct TypeOrigin {
  std::string name;  // "request.state.db", "engine", "Rates.http"
  ByteRange range;   // the assignment or annotation
  friend bool operator==(const TypeOrigin&, const TypeOrigin&) = default;
};

struct FunctionSummary {
  std::string qualified;  // "pkg.mod.func" / "pkg.mod.Class.method"
  std::string name;       // "func" / "Class.method"
  bool is_async = false;
  // A coroutine function (semantic::CoroutineRegistry: `async def`, not an async generator,
  // no unknown decorator): its calls must be awaited (cross-file LW201).
  bool is_coroutine = false;
  ByteRange name_range;
  std::optional<BlockingCall> blocking;  // first direct blocking call of its own body
  std::vector<CallEdge> calls;           // calls of its own body with a resolvable target
  TypeRef result;                        // what a call returns (annotation, or agreeing returns)
  // A sync function used as a FastAPI dependency (LW402 across modules): the types of the
  // values its body constructs (at most a few; canonical or TypeRefs), and the providers of
  // its own `Depends(...)` parameters (absolute qualified names).
  std::vector<TypeRef> opens;
  std::vector<std::string> dependencies;
  // (concurrency, LW302) An `async def` whose own body has no await point and no yield and is
  // not a stub: awaiting it runs it to the end at once (usage.h).
  bool never_suspends = false;
  // (LW210) A plain module-level `def` whose call never gives an awaitable: why
  // ("returns nothing", "is annotated `-> int`"; rules/sync_result.h); "" when it may.
  std::string never_awaitable;
  friend bool operator==(const FunctionSummary&, const FunctionSummary&) = default;
};

struct ModuleSummary {
  std::string module;  // dotted module name ("pkg" for pkg/__init__.py; "" when unknown)
  std::string path;    // the file, as the caller names it
  bool is_package = false;
  std::string library;  // ModuleIdentity::library
  std::vector<FunctionSummary> functions;
  // Module-level imported names -> absolute qualified names (for re-exports).
  std::vector<std::pair<std::string, std::string>> imports;
  // Module-level variables with a known type (`engine = create_engine(...)`).
  std::vector<std::pair<std::string, TypeRef>> variables;
  std::vector<ClassSummary> classes;
  // Attributes assigned on framework state objects (`request.state.db = ...`,
  // `app.state.redis = ...`): name -> type ("" when unknown), one entry per assignment.
  std::vector<std::pair<std::string, TypeRef>> state;
  // The module reads a framework state attribute somewhere (`.state.` in its text): its
  // analysis depends on what every module assigns there.
  bool reads_state = false;
  // Where each variable, class attribute ("Class.attr") and state attribute ("state.db") was
  // assigned (first assignment), for related locations.
  std::vector<TypeOrigin> origins;
  // (concurrency, LW208) Absolute qualified names of the workspace's functions this module
  // uses as values (`Depends(f)`, `add_exception_handler(E, f)`, `add_get(p, f)`, an argument,
  // an assignment, `monkeypatch.setattr(Cls, "m", f)` also names `Cls.m`) and of the base-class
  // methods its classes override (`pkg.base.Handler.handle`). Sorted, each once (usage.h).
  std::vector<std::string> value_uses;

  const ClassSummary* find_class(std::string_view qualified) const;

  const FunctionSummary* find(std::string_view qualified) const;
  friend bool operator==(const ModuleSummary&, const ModuleSummary&) = default;
};

// Whether two summaries of one module mean the same to other modules' analyses: the same
// functions with the same flags, blocking calls and call targets, the same imports. Byte
// ranges are left out (they move with every edit above a function; they only place related
// locations).
bool same_interface(const ModuleSummary& a, const ModuleSummary& b);

// ".helpers.load_config" imported in module "pkg.service" -> "pkg.helpers.load_config".
// Absolute names are returned unchanged; an unresolvable relative name gives "".
std::string absolutize(std::string_view qualified, std::string_view module, bool is_package);

}  // namespace lw::analysis::index

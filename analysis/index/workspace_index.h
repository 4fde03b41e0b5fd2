#pragma once
// The summaries of every module of the workspace, by module name. Read-only while analyses
// run (any number of threads may read); updated between analyses by its owner (the `check`
// first pass, or the language server when a file changes).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/index/summary.h"

namespace lw::analysis::index {

// A function found through the index, with the module summary that owns it.
struct FunctionRef {
  const ModuleSummary* module = nullptr;
  const FunctionSummary* function = nullptr;
  explicit operator bool() const { return function != nullptr; }
};

class WorkspaceIndex {
 public:
  // Adds or replaces the summary of `summary.module` (and of `summary.path`).
  void update(ModuleSummary summary);
  void remove_path(std::string_view path);
  std::size_t module_count() const { return module_by_path_.size(); }
  std::size_t function_count() const;
  // The module of that name; null when unknown or claimed by two files (ambiguous).
  const ModuleSummary* module(std::string_view name) const;
  const ModuleSummary* module_for_path(std::string_view path) const;

  // The function a qualified name denotes, following re-exports (`from .helpers import f`
  // in a package's __init__.py) a few levels deep. `overlay` (the module being analysed,
  // fresher than the index) takes precedence for its own module name.
  FunctionRef find_function(std::string_view qualified,
                            const ModuleSummary* overlay = nullptr) const;

  // (concurrency, LW208) Calls `fn` with every module summary, after telling the lookup
  // observer kEveryModule: the analysis then depends on every module (index/usage.h).
  static constexpr std::string_view kEveryModule = "*";
  void for_each_module(const std::function<void(const ModuleSummary&)>& fn) const;

  // Called with every name module() is asked for (so every lookup an analysis makes, hit or
  // miss), on the calling thread: `check` records which modules an analysis depended on, to
  // build the index on demand and to key its cache. Set it before analyses run.
  using LookupObserver = std::function<void(std::string_view module)>;
  // The pseudo-module of framework state for depends_on (the language server re-analyses the
  // documents that read state when a module's state assignments change); state() reports
  // kEveryModule to the observer: any module may assign state.
  static constexpr std::string_view kStateModule = "<framework state>";

  // What the modules assign to framework state attribute `name` (`request.state.name = ...`):
  // one (path, type) per assignment, in no particular order.
  struct StateAssignment {
    std::string path;
    TypeRef type;
  };
  std::vector<StateAssignment> state(std::string_view name) const;

  void set_lookup_observer(LookupObserver observer) { observer_ = std::move(observer); }

 private:
  LookupObserver observer_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<const ModuleSummary>>> modules_;
  std::unordered_map<std::string, std::string> module_by_path_;
  std::unordered_map<std::string, std::vector<StateAssignment>> state_;
  void erase_state(std::string_view path);
};

// Whether the analysis of `from` can read the summary of module `module` (or, for
// WorkspaceIndex::kStateModule, the framework state the modules assign): `from` names it (or
// something inside it) in an import or a call target, directly or through the modules it
// names in turn. The language server re-analyses an open document when a module it depends
// on changes.
bool depends_on(const WorkspaceIndex& index, const ModuleSummary& from, std::string_view module);

// One step of a blocking chain: the function entered and, inside it, the call taken next
// (the last hop's `call` is the blocking call itself).
struct ChainHop {
  FunctionRef function;
  ByteRange call;
  std::string call_name;  // the callee shown in messages: "read_settings" or "open"
};

// The shortest chain from a *sync* function to a direct blocking call through further sync
// functions of the workspace (cycles handled; async functions are not entered). Empty when
// the function does not block transitively.
// How a call on a typed receiver (CallEdge::receiver) continues, told by the reader (who can
// resolve the receiver's type): a blocking call, or a function of the workspace it enters.
class TypedCallResolver {
 public:
  virtual ~TypedCallResolver() = default;
  struct Result {
    std::optional<BlockingCall> blocking;
    std::string target;  // absolute qualified name of the function entered
  };
  virtual Result resolve(const CallEdge& edge) const = 0;
};

std::vector<ChainHop> blocking_chain(const WorkspaceIndex& index, FunctionRef start,
                                     const ModuleSummary* overlay = nullptr,
                                     const TypedCallResolver* typed = nullptr);

}  // namespace lw::analysis::index

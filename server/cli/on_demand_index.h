#pragma once
// The workspace index of `check`, filled on demand. Every input's module name is known before
// anything is parsed; a summary enters the index when its file is analysed anyway, or when an
// analysis looked its module up. An analysis observes the index only through
// WorkspaceIndex::module(name) lookups, so once every name an analysis looked up is either
// loaded (all files claiming it summarised) or claimed by no input, that analysis gave
// exactly the result it would give against the index of every input (ARCHITECTURE.md).
//
// Lookups are recorded per thread: wrap an analysis in a LookupRecording.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/index/lookup_recording.h"
#include "analysis/index/summary.h"
#include "analysis/index/workspace_index.h"
#include "server/workspace/library_cache.h"
#include "server/workspace/python_environment.h"

namespace lw::server::cli {

using analysis::index::LookupRecording;

class OnDemandIndex {
 public:
  // `modules[i]`: the module name of input i ("" when it has none: never looked up).
  explicit OnDemandIndex(const std::vector<std::string>& modules);

  const analysis::index::WorkspaceIndex& index() const { return index_; }

  bool is_loaded(std::size_t input) const { return loaded_[input]; }
  // Adds the summary of input i (not thread-safe: between parallel passes).
  void add(std::size_t input, analysis::index::ModuleSummary summary);
  // Input i could not be read: it stays out of the index, like in a full build.
  void mark_failed(std::size_t input) { loaded_[input] = true; }

  // The inputs, not yet loaded, that claim one of `names`.
  // `every`: `*` (WorkspaceIndex::kEveryModule) stands for every input; else it is ignored.
  std::vector<std::size_t> missing(const std::vector<std::string>& names, bool every = true) const;
  // Whether one of `names` is claimed by some input (the analysis may depend on the index).
  bool claims_any(const std::vector<std::string>& names) const;

  // Installed libraries (server/workspace/python_environment.h): a module that no input
  // claims and the environment has is summarised from its installed file (never analysed
  // for diagnostics), up to `budget` library modules per run. Set before analyses run.
  // `cache` (may be null) keeps library summaries between runs (library_cache.h).
  void set_environment(const workspace::PythonEnvironment* environment, std::size_t budget,
                       const workspace::LibraryCache* cache = nullptr);
  // Whether one of `names` is an installed library module not summarised yet.
  bool misses_libraries(const std::vector<std::string>& names) const;
  // Summarises (in parallel) the library modules of `names` not summarised yet.
  void load_libraries(const std::vector<std::string>& names, unsigned threads);
  std::size_t library_count() const { return libraries_.size(); }

 private:
  analysis::index::WorkspaceIndex index_;
  std::unordered_map<std::string, std::vector<std::size_t>> claimants_;
  std::vector<bool> loaded_;
  const workspace::PythonEnvironment* environment_ = nullptr;
  const workspace::LibraryCache* library_cache_ = nullptr;
  std::size_t budget_ = 0;
  // Library modules summarised (or failed) in this run, by module name.
  std::unordered_map<std::string, bool> libraries_;
  // A library module `name` resolves to, when it is one to load (not claimed by an input,
  // installed, not loaded yet, within the budget).
  std::optional<workspace::LibraryModule> library_to_load(const std::string& name) const;
};

}  // namespace lw::server::cli

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
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/index/summary.h"
#include "analysis/index/workspace_index.h"

namespace lw::server::cli {

// The module names looked up on this thread while it lives (nested recordings not allowed).
class LookupRecording {
 public:
  LookupRecording();
  ~LookupRecording();
  LookupRecording(const LookupRecording&) = delete;
  LookupRecording& operator=(const LookupRecording&) = delete;
  // Sorted, each name once.
  std::vector<std::string> take();

 private:
  std::vector<std::string> names_;
};

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

 private:
  analysis::index::WorkspaceIndex index_;
  std::unordered_map<std::string, std::vector<std::size_t>> claimants_;
  std::vector<bool> loaded_;
};

}  // namespace lw::server::cli

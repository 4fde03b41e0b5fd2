#pragma once
// The results cache in a `check` run (result_cache.h says when an entry is valid): find each
// input's entry before anything is analysed, decide which entries stand once every input's
// contents hash is known, and store the results computed by this run.
#include <string>
#include <unordered_map>
#include <vector>

#include "server/cli/check_file_state.h"
#include "server/cli/check_pipeline.h"

namespace lw::server::cli {

// For one input with a cache: its key, entry and contents hash. Reads the file only when its
// stamp does not vouch for the entry; then `file.text` is set (or `error`).
void look_up_cached(const ResultCache& cache, const CheckInput& input, FileState& file,
                    std::string& error);

// The digest of what WorkspaceIndex::module(name) answers in this run: the claimants of each
// module name, their paths, keys and contents ("none" when no input claims the name).
class ModuleDigests {
 public:
  // A name no input claims that `environment` (may be null) installs digests as its file,
  // distribution and version.
  ModuleDigests(const std::vector<CheckInput>& inputs, const std::vector<FileState>& files,
                const std::vector<CheckOutcome>& outcomes,
                const workspace::PythonEnvironment* environment = nullptr);
  Hash128 digest(const std::string& module) const;

 private:
  const workspace::PythonEnvironment* environment_;
  std::unordered_map<std::string, Hash128> digests_;
};

// True when every dependency of the entry still has the digest it was cached with.
bool dependencies_hold(const CacheEntry& entry, const ModuleDigests& digests);

// Stores the outcome of every input analysed (or re-validated) in this run.
void store_results(const ResultCache& cache, const std::vector<CheckInput>& inputs,
                   const std::vector<FileState>& files, const std::vector<CheckOutcome>& outcomes,
                   const std::vector<ModuleFacts>& facts, const ModuleDigests& digests,
                   unsigned threads);

}  // namespace lw::server::cli

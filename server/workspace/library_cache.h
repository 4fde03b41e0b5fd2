#pragma once
// Summaries of installed library modules kept between runs (issue #23), so that a second
// `check` and a restarted language server summarise no library they already read. One file
// per distribution and version, `<cache folder>/libraries/<name>-<version>.json`, holding each
// summarised module of it with what makes the summary valid: this build of loopwarden
// (cli::build_stamp), the module's name, and the installed file's size and modification time.
// A new version of a distribution is another file (the old one is left for the environments
// that still have it); an edited installed file (an editable install) is summarised again.
// Files are written whole to a temporary name and renamed; an unreadable or foreign file is
// empty. Thread-safe.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "analysis/index/summary.h"
#include "server/workspace/python_environment.h"

namespace lw::server::workspace {

class LibraryCache {
 public:
  // `folder`: the cache folder (`.loopwarden_cache`); the summaries go to `folder/libraries`.
  explicit LibraryCache(std::filesystem::path folder);
  ~LibraryCache();  // flushes
  LibraryCache(const LibraryCache&) = delete;
  LibraryCache& operator=(const LibraryCache&) = delete;

  std::optional<analysis::index::ModuleSummary> get(const LibraryModule& module) const;
  void put(const LibraryModule& module, const analysis::index::ModuleSummary& summary) const;
  // Writes the distributions that got new summaries since the last flush.
  void flush() const;

  std::size_t hits() const;
  std::size_t misses() const;

 private:
  struct Distribution;
  Distribution& distribution_of(const LibraryModule& module) const;
  std::filesystem::path folder_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<Distribution>> distributions_;
  mutable std::size_t hits_ = 0;
  mutable std::size_t misses_ = 0;
};

// Summarises `module` through `cache` (null: no cache): a valid cached summary is returned
// as is, else the installed file is read and summarised (library_summary.h) and cached.
std::optional<analysis::index::ModuleSummary> summarize_library_cached(const LibraryModule& module,
                                                                       const LibraryCache* cache);

}  // namespace lw::server::workspace

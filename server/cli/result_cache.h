#pragma once
// The results cache of `check`: one entry per checked file under `.loopwarden_cache/` (in the
// current directory, or $LOOPWARDEN_CACHE_DIR), created with a `.gitignore` of `*`.
//
// An entry holds the file's printed diagnostics and is valid when, for this run:
// - its key matches: loopwarden's version and build, the file's analysis options (rules,
//   severities, extend lists), its module identity and displayed name (cache_key());
// - the file's contents hash to the cached hash: when size, mtime, ctime and inode are those
//   recorded and the file was not modified within two seconds of being cached, the contents
//   are not even read (the check git makes against racy timestamps);
// - every module the file's analysis looked up in the workspace index still has the same
//   claimants with the same contents and keys (a digest per module name, "none" when no
//   input claims it): the summaries the analysis saw are the same.
// The entries live in one store at the cache folder (cache_store.h: 16 shard files under
// `v2/`, each rewritten whole and atomically when it gets new entries, size-bounded, entries
// unused for 30 days dropped); concurrent runs never see a partial shard, the last writer
// wins. Unreadable or foreign entries are misses. The file-per-source layout of `v1/` is
// removed when the cache is opened.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/config.h"
#include "analysis/index/summary.h"
#include "server/cli/cache_store.h"
#include "server/cli/content_hash.h"
#include "server/cli/cross_file_reach.h"
#include "server/cli/output_diagnostic.h"

namespace lw::server::cli {

struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  bool trusted = false;  // old enough for the stamp alone to stand for the contents
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// The stamp of a file now (nullopt when it cannot be stat'ed).
std::optional<FileStamp> stamp_file(const std::filesystem::path& path);

struct CacheEntry {
  std::string path;  // absolute: guards against two paths hashing to one entry
  Hash128 key;
  FileStamp stamp;
  Hash128 content;
  std::vector<std::pair<std::string, Hash128>> dependencies;  // module name -> digest
  std::vector<OutputDiagnostic> diagnostics;
  ModuleFacts facts;  // what other files' prefilter decisions read (cross_file_reach.h)
};

// This build of loopwarden: its version and the executable's own stamp. Entries written by
// another build are never read (a rebuilt binary starts a fresh cache).
const std::string& build_stamp();

// What an entry's result depends on besides the contents.
Hash128 cache_key(const analysis::AnalysisOptions& options,
                  const analysis::index::ModuleIdentity& identity, const std::string& display);

class ResultCache {
 public:
  // The cache directory to use: $LOOPWARDEN_CACHE_DIR or ./.loopwarden_cache.
  static std::filesystem::path default_directory();
  // Opens (creating it and its .gitignore when missing); nullopt when it cannot be created.
  static std::optional<ResultCache> open(const std::filesystem::path& directory);

  // Thread-safe.
  std::optional<CacheEntry> load(const std::string& path) const;
  // Thread-safe; written by flush() (or when the last copy of this cache goes away).
  void store(const CacheEntry& entry) const;
  // Atomic per shard; failures are ignored (a cache that cannot be written is only slower).
  void flush() const;

 private:
  explicit ResultCache(std::shared_ptr<CacheStore> store) : store_(std::move(store)) {}
  std::shared_ptr<CacheStore> store_;
};

}  // namespace lw::server::cli

#include "server/cli/result_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "server/cli/cache_format.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

// Every field of AnalysisOptions changes results: a field added there must be keyed in
// cache_key() too; this mirror of the fields it keys makes the build fail first.
struct KeyedOptions {
  analysis::RuleSet rules;
  decltype(analysis::AnalysisOptions::severity_overrides) severity_overrides;
  std::vector<std::string> extend_blocking_calls;
  std::vector<std::string> extend_async_functions;
  int library_depth;
  bool notebook;
  std::optional<int> target_minor;
};
static_assert(sizeof(KeyedOptions) == sizeof(analysis::AnalysisOptions),
              "update cache_key() in result_cache.cpp for the new AnalysisOptions field");

std::int64_t nanoseconds(const timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

}  // namespace

std::optional<FileStamp> stamp_file(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  FileStamp s;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.mtime_ns = nanoseconds(st.st_mtim);
  s.ctime_ns = nanoseconds(st.st_ctim);
  s.inode = static_cast<std::uint64_t>(st.st_ino);
  const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  // A file changed within the last two seconds may change again within the same timestamp.
  s.trusted = now - std::max(s.mtime_ns, s.ctime_ns) > 2'000'000'000;
  return s;
}

// Entries written by another build of loopwarden are never read: the version and the
// executable's own stamp are part of every key (a rebuilt binary starts a fresh cache).
const std::string& build_stamp() {
  static const std::string stamp = [] {
    std::string s = LW_VERSION;
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0) {
      s += ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
    }
    return s;
  }();
  return stamp;
}

Hash128 cache_key(const analysis::AnalysisOptions& options,
                  const analysis::index::ModuleIdentity& identity, const std::string& display) {
  Hasher h;
  h.add(build_stamp()).add(display).add(identity.module).add(identity.path);
  h.add(static_cast<std::uint64_t>(identity.is_package));
  std::string rules;
  for (const analysis::RuleInfo& rule : analysis::all_rules()) {
    rules += options.rules.contains(rule.id) ? '1' : '0';
    const auto& severity = options.severity_overrides[static_cast<std::size_t>(rule.id)];
    rules += severity ? static_cast<char>('0' + static_cast<int>(*severity)) : '-';
  }
  h.add(rules);
  h.add(static_cast<std::uint64_t>(options.extend_blocking_calls.size()));
  for (const std::string& s : options.extend_blocking_calls) h.add(s);
  h.add(static_cast<std::uint64_t>(options.extend_async_functions.size()));
  for (const std::string& s : options.extend_async_functions) h.add(s);
  h.add(static_cast<std::uint64_t>(options.library_depth));
  h.add(static_cast<std::uint64_t>(options.notebook));
  h.add(static_cast<std::uint64_t>(options.target_minor ? *options.target_minor + 1 : 0));
  return h.finish();
}

fs::path ResultCache::default_directory() {
  if (const char* dir = std::getenv("LOOPWARDEN_CACHE_DIR"); dir != nullptr && *dir != '\0') {
    return fs::path(dir);
  }
  return fs::current_path() / ".loopwarden_cache";
}

std::optional<ResultCache> ResultCache::open(const fs::path& directory) {
  std::error_code ec;
  const fs::path entries = directory / "v2";
  fs::create_directories(entries, ec);
  if (ec) return std::nullopt;
  const fs::path ignore = directory / ".gitignore";
  if (!fs::exists(ignore, ec)) {
    std::ofstream out(ignore);
    out << "# Created by loopwarden: the results cache of `loopwarden check`.\n*\n";
  }
  if (::access(entries.c_str(), W_OK) != 0) return std::nullopt;
  fs::remove_all(directory / "v1", ec);  // the file-per-source layout of earlier versions
  return ResultCache(std::make_shared<CacheStore>(entries));
}

std::optional<CacheEntry> ResultCache::load(const std::string& path) const {
  std::optional<std::string> bytes = store_->get(path);
  if (!bytes) return std::nullopt;
  auto entry = decode_entry(*bytes);
  if (!entry || entry->path != path) return std::nullopt;
  return entry;
}

void ResultCache::store(const CacheEntry& entry) const {
  store_->put(entry.path, encode_entry(entry));
}

void ResultCache::flush() const { store_->flush(); }

}  // namespace lw::server::cli

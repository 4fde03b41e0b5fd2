#pragma once
// The one store behind the results cache (result_cache.h): a few shard files in one folder
// instead of a file per source. A source path belongs to one of kShards shards (by its hash);
// a shard holds, per path, the encoded entry and when it was last written or used.
//
// - Reading: a shard is read whole, once, the first time one of its paths is looked up.
// - Writing: put() only buffers; flush() rewrites each shard that got new entries, whole (its
//   entries as read, refreshed when used this run, plus the new ones) into a temporary file
//   renamed over it, so a reader never sees a partial shard. Concurrent runs: the last
//   rename wins (the other run's new entries are lost, which only costs a later re-analysis).
// - Bounds: an entry not written or used for kMaxAge is dropped, and a shard over
//   kMaxShardBytes drops its least recently used entries.
// A shard that cannot be read or parsed is empty. Thread-safe.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace lw::server::cli {

class CacheStore {
 public:
  static constexpr std::size_t kShards = 16;
  static constexpr std::uint64_t kMaxShardBytes = std::uint64_t{32} << 20U;  // 512 MB in all
  static constexpr std::chrono::hours kMaxAge{24 * 30};

  explicit CacheStore(std::filesystem::path folder, std::uint64_t max_shard_bytes = kMaxShardBytes,
                      std::chrono::seconds max_age = kMaxAge);
  ~CacheStore();
  CacheStore(const CacheStore&) = delete;
  CacheStore& operator=(const CacheStore&) = delete;

  // The entry stored for `path`, or nullopt.
  std::optional<std::string> get(const std::string& path) const;
  // Replaces the entry of `path` at the next flush().
  void put(const std::string& path, std::string bytes) const;
  // Writes the shards that got entries since the last flush. Failures are ignored.
  void flush() const;

  // The shard file of a path (tests).
  std::filesystem::path shard_file(const std::string& path) const;

 private:
  struct Shard;
  Shard& shard_of(const std::string& path) const;
  void load(Shard& shard) const;
  std::filesystem::path folder_;
  std::uint64_t max_shard_bytes_;
  std::chrono::seconds max_age_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace lw::server::cli

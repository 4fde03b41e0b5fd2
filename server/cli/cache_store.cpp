#include "server/cli/cache_store.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "server/cli/content_hash.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

// A shard file: this header line, then per entry a line `<path bytes> <entry bytes> <ns>`
// followed by the path and the entry, raw.
constexpr std::string_view kHeader = "loopwarden cache shard 1\n";

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Record {
  std::string bytes;
  std::int64_t used_ns = 0;  // last written, or last read by a run that rewrote the shard
  bool read = false;         // looked up during this run
};

// Parses `data` into `out`; false (and `out` cleared) when it is not a whole shard.
bool parse_shard(std::string_view data, std::unordered_map<std::string, Record>& out) {
  if (!data.starts_with(kHeader)) return false;
  std::size_t at = kHeader.size();
  while (at < data.size()) {
    const std::size_t eol = data.find('\n', at);
    if (eol == std::string_view::npos) break;
    std::istringstream line{std::string(data.substr(at, eol - at))};
    std::uint64_t path_size = 0, entry_size = 0;
    std::int64_t used = 0;
    if (!(line >> path_size >> entry_size >> used)) break;
    at = eol + 1;
    if (path_size > data.size() - at || entry_size > data.size() - at - path_size) break;
    Record r;
    r.bytes = std::string(data.substr(at + path_size, entry_size));
    r.used_ns = used;
    out[std::string(data.substr(at, path_size))] = std::move(r);
    at += path_size + entry_size;
  }
  if (at != data.size()) {
    out.clear();
    return false;
  }
  return true;
}

}  // namespace

struct CacheStore::Shard {
  std::mutex mutex;
  bool loaded = false;
  std::unordered_map<std::string, Record> records;
  std::unordered_map<std::string, std::string> pending;
  fs::path file;
};

CacheStore::CacheStore(fs::path folder, std::uint64_t max_shard_bytes, std::chrono::seconds max_age)
    : folder_(std::move(folder)),
      max_shard_bytes_(max_shard_bytes),
      max_age_(max_age),
      shards_(std::make_unique<Shard[]>(kShards)) {
  for (std::size_t i = 0; i < kShards; ++i) {
    shards_[i].file = folder_ / ("shard-" + std::to_string(i));
  }
}

CacheStore::~CacheStore() { flush(); }

CacheStore::Shard& CacheStore::shard_of(const std::string& path) const {
  return shards_[hash_bytes(path).a % kShards];
}

fs::path CacheStore::shard_file(const std::string& path) const { return shard_of(path).file; }

void CacheStore::load(Shard& shard) const {
  if (shard.loaded) return;
  shard.loaded = true;
  std::ifstream in(shard.file, std::ios::binary);
  if (!in) return;
  std::ostringstream data;
  data << in.rdbuf();
  parse_shard(data.str(), shard.records);
}

std::optional<std::string> CacheStore::get(const std::string& path) const {
  Shard& shard = shard_of(path);
  const std::lock_guard lock(shard.mutex);
  load(shard);
  auto it = shard.records.find(path);
  if (it == shard.records.end()) return std::nullopt;
  it->second.read = true;
  return it->second.bytes;
}

void CacheStore::put(const std::string& path, std::string bytes) const {
  Shard& shard = shard_of(path);
  const std::lock_guard lock(shard.mutex);
  shard.pending[path] = std::move(bytes);
}

void CacheStore::flush() const {
  static std::atomic<unsigned> counter{0};
  const std::int64_t now = now_ns();
  const std::int64_t oldest =
      now - std::chrono::duration_cast<std::chrono::nanoseconds>(max_age_).count();
  for (std::size_t i = 0; i < kShards; ++i) {
    Shard& shard = shards_[i];
    const std::lock_guard lock(shard.mutex);
    if (shard.pending.empty()) continue;
    // What another run wrote since this one read the shard is kept unless replaced here.
    shard.loaded = false;
    std::unordered_map<std::string, Record> before = std::move(shard.records);
    shard.records.clear();
    load(shard);
    for (auto& [path, record] : shard.records) {
      if (auto it = before.find(path); it != before.end() && it->second.read) record.used_ns = now;
    }
    for (auto& [path, bytes] : shard.pending) {
      Record& r = shard.records[path];
      r.bytes = std::move(bytes);
      r.used_ns = now;
    }
    shard.pending.clear();
    // The most recently used first; drop what is too old or beyond the size bound.
    std::vector<std::pair<const std::string*, const Record*>> order;
    order.reserve(shard.records.size());
    for (const auto& [path, record] : shard.records) order.emplace_back(&path, &record);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      return a.second->used_ns != b.second->used_ns ? a.second->used_ns > b.second->used_ns
                                                    : *a.first < *b.first;
    });
    std::string out(kHeader);
    for (const auto& [path, record] : order) {
      if (record->used_ns < oldest) break;
      const std::string line = std::to_string(path->size()) + " " +
                               std::to_string(record->bytes.size()) + " " +
                               std::to_string(record->used_ns) + "\n";
      if (out.size() + line.size() + path->size() + record->bytes.size() > max_shard_bytes_) break;
      out += line;
      out += *path;
      out += record->bytes;
    }
    std::error_code ec;
    fs::create_directories(folder_, ec);
    const fs::path temp = shard.file.string() + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(counter++);
    {
      std::ofstream file(temp, std::ios::binary | std::ios::trunc);
      if (!file) continue;
      file << out;
      file.flush();
      if (!file) {
        file.close();
        fs::remove(temp, ec);
        continue;
      }
    }
    fs::rename(temp, shard.file, ec);
    if (ec) fs::remove(temp, ec);
  }
}

}  // namespace lw::server::cli

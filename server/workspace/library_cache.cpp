#include "server/workspace/library_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>

#include "server/cli/result_cache.h"
#include "server/workspace/library_summary.h"
#include "server/workspace/summary_codec.h"

namespace lw::server::workspace {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kFormat = 1;

std::string file_name(const workspace::Distribution& d) {
  std::string out = d.name.empty() ? "unknown" : d.name;
  out += "-" + (d.version.empty() ? std::string("unversioned") : d.version);
  for (char& c : out) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
                    c == '-' || c == '+';
    if (!ok) c = '_';
  }
  return out + ".json";
}

// What makes a cached summary of the installed file valid besides its module name.
std::optional<std::string> file_stamp(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

struct LibraryCache::Distribution {
  fs::path file;
  bool loaded = false;
  bool dirty = false;
  json modules = json::object();  // installed path -> {module, package, stamp, summary}
};

LibraryCache::LibraryCache(fs::path folder) : folder_(std::move(folder) / "libraries") {}

LibraryCache::~LibraryCache() { flush(); }

LibraryCache::Distribution& LibraryCache::distribution_of(const LibraryModule& module) const {
  const std::string name = file_name(module.distribution);
  auto& slot = distributions_[name];
  if (!slot) {
    slot = std::make_unique<Distribution>();
    slot->file = folder_ / name;
  }
  if (!slot->loaded) {
    slot->loaded = true;
    std::ifstream in(slot->file, std::ios::binary);
    if (in) {
      const json j = json::parse(in, nullptr, /*allow_exceptions=*/false);
      if (j.is_object() && j.value("format", 0) == kFormat &&
          j.value("build", std::string()) == cli::build_stamp() && j.contains("modules") &&
          j["modules"].is_object()) {
        slot->modules = j["modules"];
      }
    }
  }
  return *slot;
}

std::optional<analysis::index::ModuleSummary> LibraryCache::get(const LibraryModule& m) const {
  const auto stamp = file_stamp(m.path);
  std::lock_guard lock(mutex_);
  Distribution& d = distribution_of(m);
  const auto it = d.modules.find(m.path.string());
  if (stamp && it != d.modules.end() && it->is_object() &&
      it->value("module", std::string()) == m.module &&
      it->value("package", !m.is_package) == m.is_package &&
      it->value("stamp", std::string()) == *stamp && it->contains("summary")) {
    if (auto summary = decode_summary((*it)["summary"])) {
      ++hits_;
      return summary;
    }
  }
  ++misses_;
  return std::nullopt;
}

void LibraryCache::put(const LibraryModule& m, const analysis::index::ModuleSummary& s) const {
  const auto stamp = file_stamp(m.path);
  if (!stamp) return;
  json entry{{"module", m.module},
             {"package", m.is_package},
             {"stamp", *stamp},
             {"summary", encode_summary(s)}};
  std::lock_guard lock(mutex_);
  Distribution& d = distribution_of(m);
  d.modules[m.path.string()] = std::move(entry);
  d.dirty = true;
}

void LibraryCache::flush() const {
  std::lock_guard lock(mutex_);
  for (auto& [name, d] : distributions_) {
    if (!d->dirty) continue;
    d->dirty = false;
    std::error_code ec;
    fs::create_directories(folder_, ec);
    const json j{{"format", kFormat}, {"build", cli::build_stamp()}, {"modules", d->modules}};
    const fs::path tmp = d->file.string() + ".tmp." + std::to_string(::getpid()) + "." +
                         std::to_string(reinterpret_cast<std::uintptr_t>(d.get()));
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) continue;
      out << j.dump();
      if (!out.flush()) {
        fs::remove(tmp, ec);
        continue;
      }
    }
    fs::rename(tmp, d->file, ec);
    if (ec) fs::remove(tmp, ec);
  }
}

std::size_t LibraryCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

std::size_t LibraryCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

std::optional<analysis::index::ModuleSummary> summarize_library_cached(const LibraryModule& module,
                                                                       const LibraryCache* cache) {
  if (cache != nullptr) {
    if (auto cached = cache->get(module)) return cached;
  }
  auto summary = summarize_library(module);
  if (summary && cache != nullptr) cache->put(module, *summary);
  return summary;
}

}  // namespace lw::server::workspace

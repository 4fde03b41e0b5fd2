#include "server/cli/check_cache.h"

#include "analysis/index/workspace_index.h"
#include "server/cli/parallel_for.h"
#include "server/cli/source_text.h"
#include "server/config/read_file.h"

namespace lw::server::cli {
namespace {

bool same_file(const FileStamp& a, const FileStamp& b) {
  return a.size == b.size && a.mtime_ns == b.mtime_ns && a.ctime_ns == b.ctime_ns &&
         a.inode == b.inode;
}

const Hash128& no_claimant() {
  static const Hash128 none = Hasher().add("no input claims this module").finish();
  return none;
}

}  // namespace

void look_up_cached(const ResultCache& cache, const CheckInput& input, FileState& file,
                    std::string& error) {
  file.key = cache_key(file.options, input.identity, input.display);
  const std::optional<FileStamp> before = stamp_file(input.path);
  std::optional<CacheEntry> entry = cache.load(input.path.string());
  if (entry && entry->key != file.key) entry.reset();
  if (entry && before && entry->stamp.trusted && same_file(entry->stamp, *before)) {
    file.content = entry->content;
    file.stamp = before;
    file.entry = std::move(entry);
    return;
  }
  config::FileContents contents = config::read_file(input.path);
  if (!contents.ok()) {
    error = std::move(contents.error);
    file.unreadable = true;
    return;
  }
  const std::optional<FileStamp> after = stamp_file(input.path);
  if (before && after && same_file(*before, *after)) file.stamp = before;
  file.content = hash_bytes(contents.bytes);
  if (entry && entry->content == *file.content) file.entry = std::move(entry);
  SourceText source = decode_source(std::move(contents.bytes), input.path);
  if (!source.ok()) {
    error = std::move(source.error);
    file.unreadable = true;
    return;
  }
  file.text = std::move(source.text);
  file.has_text = true;
}

ModuleDigests::ModuleDigests(const std::vector<CheckInput>& inputs,
                             const std::vector<FileState>& files,
                             const std::vector<CheckOutcome>& outcomes,
                             const workspace::PythonEnvironment* environment)
    : environment_(environment) {
  std::unordered_map<std::string, Hasher> by_module;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::string& module = inputs[i].identity.module;
    if (module.empty()) continue;
    Hasher& h = by_module[module];
    h.add(inputs[i].path.string()).add(files[i].key.a).add(files[i].key.b);
    if (!outcomes[i].error.empty() || !files[i].content) {
      h.add("unreadable");
    } else {
      h.add(files[i].content->a).add(files[i].content->b);
    }
  }
  // "a.b.*": which module names exist below "a.b" (cross_file_reach.h walks into them).
  // Inputs come sorted, so each digest sees the names in a stable order.
  std::unordered_map<std::string, Hasher> below;
  for (const CheckInput& input : inputs) {
    const std::string& module = input.identity.module;
    for (auto dot = module.find('.'); dot != std::string::npos; dot = module.find('.', dot + 1)) {
      below[module.substr(0, dot) + ".*"].add(module);
    }
  }
  // "*": an analysis that read every module (index/usage.h) depends on all of them.
  Hasher every;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].identity.module.empty()) continue;
    every.add(inputs[i].identity.module);
    if (files[i].content) every.add(files[i].content->a).add(files[i].content->b);
  }
  digests_.emplace(std::string(analysis::index::WorkspaceIndex::kEveryModule), every.finish());
  for (auto& [module, h] : by_module) digests_.emplace(module, h.finish());
  for (auto& [pattern, h] : below) digests_.emplace(pattern, h.finish());
}

Hash128 ModuleDigests::digest(const std::string& module) const {
  auto it = digests_.find(module);
  if (it != digests_.end()) return it->second;
  if (environment_ != nullptr) {
    if (auto library = environment_->find(module)) {
      std::error_code ec;
      Hasher h;
      h.add("library").add(library->path.string()).add(library->distribution.label());
      h.add(std::to_string(std::filesystem::file_size(library->path, ec)));
      h.add(std::to_string(
          std::filesystem::last_write_time(library->path, ec).time_since_epoch().count()));
      return h.finish();
    }
  }
  return no_claimant();
}

bool dependencies_hold(const CacheEntry& entry, const ModuleDigests& digests) {
  for (const auto& [module, digest] : entry.dependencies) {
    if (digests.digest(module) != digest) return false;
  }
  return true;
}

void store_results(const ResultCache& cache, const std::vector<CheckInput>& inputs,
                   const std::vector<FileState>& files, const std::vector<CheckOutcome>& outcomes,
                   const std::vector<ModuleFacts>& facts, const ModuleDigests& digests,
                   unsigned threads) {
  parallel_for(inputs.size(), threads, [&](std::size_t i) {
    const FileState& file = files[i];
    if (inputs[i].bytes || !outcomes[i].error.empty() || !file.content || !file.stamp) return;
    if (file.from_cache && file.entry && file.entry->stamp == *file.stamp) return;  // unchanged
    CacheEntry entry;
    entry.path = inputs[i].path.string();
    entry.key = file.key;
    entry.stamp = *file.stamp;
    entry.content = *file.content;
    if (file.from_cache) {
      entry.dependencies = file.entry->dependencies;
    } else {
      for (const std::string& module : file.looked_up) {
        entry.dependencies.emplace_back(module, digests.digest(module));
      }
    }
    entry.diagnostics = outcomes[i].diagnostics;
    entry.facts = facts[i];
    cache.store(entry);
  });
  cache.flush();
}

}  // namespace lw::server::cli

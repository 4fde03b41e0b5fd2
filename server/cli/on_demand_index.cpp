#include "server/cli/on_demand_index.h"

#include <algorithm>
#include <utility>

#include "analysis/engine.h"
#include "server/cli/parallel_for.h"
#include "server/workspace/library_cache.h"
#include "server/workspace/library_summary.h"

namespace lw::server::cli {
OnDemandIndex::OnDemandIndex(const std::vector<std::string>& modules)
    : loaded_(modules.size(), false) {
  for (std::size_t i = 0; i < modules.size(); ++i) {
    if (!modules[i].empty()) claimants_[modules[i]].push_back(i);
  }
  index_.set_lookup_observer(&analysis::index::record_lookup);
}

void OnDemandIndex::add(std::size_t input, analysis::index::ModuleSummary summary) {
  loaded_[input] = true;
  index_.update(std::move(summary));
}

std::vector<std::size_t> OnDemandIndex::missing(const std::vector<std::string>& names,
                                                bool every) const {
  std::vector<std::size_t> out;
  for (const std::string& name : names) {
    if (name == analysis::index::WorkspaceIndex::kEveryModule) {  // an analysis read them all
      if (!every) continue;
      for (const auto& [module, inputs] : claimants_) {
        for (std::size_t i : inputs) {
          if (!loaded_[i]) out.push_back(i);
        }
      }
      continue;
    }
    auto it = claimants_.find(name);
    if (it == claimants_.end()) continue;
    for (std::size_t i : it->second) {
      if (!loaded_[i]) out.push_back(i);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool OnDemandIndex::claims_any(const std::vector<std::string>& names) const {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) {
    return claimants_.count(n) != 0 ||
           (n == analysis::index::WorkspaceIndex::kEveryModule && !claimants_.empty());
  });
}

void OnDemandIndex::set_environment(const workspace::PythonEnvironment* environment,
                                    std::size_t budget, const workspace::LibraryCache* cache) {
  environment_ = environment;
  library_cache_ = cache;
  budget_ = budget;
}

std::optional<workspace::LibraryModule> OnDemandIndex::library_to_load(
    const std::string& name) const {
  if (environment_ == nullptr || name == analysis::index::WorkspaceIndex::kEveryModule ||
      name == analysis::index::WorkspaceIndex::kStateModule) {
    return std::nullopt;
  }
  if (claimants_.count(name) != 0 || libraries_.count(name) != 0) return std::nullopt;
  if (libraries_.size() >= budget_) return std::nullopt;
  return environment_->find(name);
}

bool OnDemandIndex::misses_libraries(const std::vector<std::string>& names) const {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return library_to_load(n).has_value(); });
}

void OnDemandIndex::load_libraries(const std::vector<std::string>& names, unsigned threads) {
  std::vector<workspace::LibraryModule> load;
  for (const std::string& name : names) {
    if (libraries_.size() + load.size() >= budget_) break;
    if (auto m = library_to_load(name)) load.push_back(std::move(*m));
  }
  std::sort(load.begin(), load.end(),
            [](const auto& a, const auto& b) { return a.module < b.module; });
  load.erase(std::unique(load.begin(), load.end(),
                         [](const auto& a, const auto& b) { return a.module == b.module; }),
             load.end());
  std::vector<std::optional<analysis::index::ModuleSummary>> summaries(load.size());
  parallel_for(load.size(), threads, [&](std::size_t k) {
    summaries[k] = workspace::summarize_library_cached(load[k], library_cache_);
  });
  for (std::size_t k = 0; k < load.size(); ++k) {
    libraries_.emplace(load[k].module, summaries[k].has_value());
    if (summaries[k]) index_.update(std::move(*summaries[k]));
  }
}

}  // namespace lw::server::cli

#include "server/cli/on_demand_index.h"

#include <algorithm>
#include <utility>

namespace lw::server::cli {
namespace {

thread_local std::vector<std::string>* t_recording = nullptr;

void record(std::string_view name) {
  if (t_recording != nullptr) t_recording->emplace_back(name);
}

}  // namespace

LookupRecording::LookupRecording() { t_recording = &names_; }

LookupRecording::~LookupRecording() { t_recording = nullptr; }

std::vector<std::string> LookupRecording::take() {
  std::sort(names_.begin(), names_.end());
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
  return std::move(names_);
}

OnDemandIndex::OnDemandIndex(const std::vector<std::string>& modules)
    : loaded_(modules.size(), false) {
  for (std::size_t i = 0; i < modules.size(); ++i) {
    if (!modules[i].empty()) claimants_[modules[i]].push_back(i);
  }
  index_.set_lookup_observer(&record);
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

}  // namespace lw::server::cli

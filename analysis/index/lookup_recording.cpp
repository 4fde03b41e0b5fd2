#include "analysis/index/lookup_recording.h"

#include <algorithm>
#include <utility>

namespace lw::analysis::index {
namespace {

thread_local std::vector<std::string>* t_recording = nullptr;

}  // namespace

LookupRecording::LookupRecording() { t_recording = &names_; }

LookupRecording::~LookupRecording() { t_recording = nullptr; }

std::vector<std::string> LookupRecording::take() {
  std::sort(names_.begin(), names_.end());
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
  return std::move(names_);
}

void record_lookup(std::string_view module) {
  if (t_recording != nullptr) t_recording->emplace_back(module);
}

}  // namespace lw::analysis::index

#include "server/lsp/scheduler.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace lw::server {

void Scheduler::schedule(const std::string& key, Task task) {
  const std::uint64_t generation = ++next_generation_;
  pending_[key] = generation;
  post_([this, key, generation, task = std::move(task)] {
    const auto it = pending_.find(key);
    if (it == pending_.end() || it->second != generation) return;  // superseded or cancelled
    pending_.erase(it);
    try {
      task();
    } catch (const std::exception& e) {
      spdlog::error("scheduled work for {} failed: {}", key, e.what());
    }
  });
}

void Scheduler::cancel(const std::string& key) { pending_.erase(key); }

}  // namespace lw::server

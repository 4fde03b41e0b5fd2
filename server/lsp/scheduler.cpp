#include "server/lsp/scheduler.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace lw::server {

void Scheduler::schedule(const std::string& key, Task task, std::chrono::milliseconds delay) {
  const std::uint64_t generation = ++next_generation_;
  pending_[key] = generation;
  Task run = [this, key, generation, task = std::move(task)] {
    const auto it = pending_.find(key);
    if (it == pending_.end() || it->second != generation) return;  // superseded or cancelled
    pending_.erase(it);
    try {
      task();
    } catch (const std::exception& e) {
      spdlog::error("scheduled work for {} failed: {}", key, e.what());
    }
  };
  if (delay.count() > 0 && hooks_.post_after) {
    hooks_.post_after(delay, std::move(run));
  } else {
    hooks_.post(std::move(run));
  }
}

void Scheduler::cancel(const std::string& key) { pending_.erase(key); }

void Scheduler::background(Task work) const {
  Task guarded = [work = std::move(work)] {
    try {
      work();
    } catch (const std::exception& e) {
      spdlog::error("background work failed: {}", e.what());
    }
  };
  if (hooks_.background) {
    hooks_.background(std::move(guarded));
  } else {
    hooks_.post(std::move(guarded));
  }
}

}  // namespace lw::server

#pragma once
// What the in-process language server tests (and the server fuzz target) put around an
// LspServer: a transport that keeps what the server sends, and a task queue standing in for
// the io_context (posted tasks run when the test says so).
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "server/lsp/scheduler.h"
#include "server/lsp/transport.h"

namespace lw::server::testing {

class MemoryTransport final : public Transport {
 public:
  void send(const nlohmann::json& message) override {
    const std::lock_guard lock(mutex_);
    sent_.push_back(message);
  }
  std::vector<nlohmann::json> take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(sent_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<nlohmann::json> sent_;
};

class TaskQueue {
 public:
  void post(Scheduler::Task task) { tasks_.push_back(std::move(task)); }
  void run() {
    while (!tasks_.empty()) {
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      task();
    }
  }

 private:
  std::deque<Scheduler::Task> tasks_;
};

}  // namespace lw::server::testing

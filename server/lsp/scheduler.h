#pragma once
// When analysis work runs. Today: on the io_context thread, as soon as the queue reaches it,
// with supersession (a newer request for the same document replaces a pending older one, so
// a burst of didChange produces one analysis of the latest text). This is the seam for a
// worker pool and debouncing: callers only say "(re)compute this document's diagnostics".
#include <asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

namespace lw::server {

class Scheduler {
 public:
  explicit Scheduler(asio::io_context& io) : io_(io) {}

  // Runs `task` later on the io_context thread unless, before it runs, schedule() is called
  // again with the same key or cancel(key) is called. Call from the io_context thread.
  void schedule(const std::string& key, std::function<void()> task);
  void cancel(const std::string& key);
  // Tasks scheduled and not yet run or superseded.
  std::size_t pending() const { return pending_.size(); }

 private:
  asio::io_context& io_;
  std::uint64_t next_generation_ = 0;
  std::unordered_map<std::string, std::uint64_t> pending_;  // key -> generation to run
};

}  // namespace lw::server

#pragma once
// When analysis work runs. Today: on the io_context thread, as soon as the queue reaches it,
// with supersession (a newer request for the same document replaces a pending older one, so
// a burst of didChange produces one analysis of the latest text). This is the seam for a
// worker pool and debouncing: callers only say "(re)compute this document's diagnostics".
//
// The scheduler does not know asio: it is given a `post` function (asio::post onto the
// io_context in language_server.cpp, a plain queue in tests), so no header of the LSP layer
// drags asio into its includers.
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

namespace lw::server {

class Scheduler {
 public:
  using Task = std::function<void()>;
  using Post = std::function<void(Task)>;

  explicit Scheduler(Post post) : post_(std::move(post)) {}

  // Runs `task` later through `post` unless, before it runs, schedule() is called again with
  // the same key or cancel(key) is called. Call from the thread `post` runs tasks on.
  void schedule(const std::string& key, Task task);
  void cancel(const std::string& key);
  // Tasks scheduled and not yet run or superseded.
  std::size_t pending() const { return pending_.size(); }

 private:
  Post post_;
  std::uint64_t next_generation_ = 0;
  std::unordered_map<std::string, std::uint64_t> pending_;  // key -> generation to run
};

}  // namespace lw::server

#pragma once
// When work runs. Three places: the main thread (every LSP state change happens there), later
// on the main thread (debounce), and the background pool (analysis, indexing). Keyed tasks
// are superseded: a newer schedule() for the same key replaces a pending older one, so a
// burst of didChange produces one analysis of the latest text.
//
// The scheduler does not know asio: it is given functions (asio::post / a steady_timer onto
// the io_context and an asio::thread_pool in language_server.cpp; plain queues in tests), so
// no header of the LSP layer drags asio into its includers. Without a background function,
// background work runs on the main thread; without a delay function, delays are ignored.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

namespace lw::server {

class Scheduler {
 public:
  using Task = std::function<void()>;
  using Post = std::function<void(Task)>;
  using PostAfter = std::function<void(std::chrono::milliseconds, Task)>;

  struct Hooks {
    Post post;             // run on the main thread, in order
    PostAfter post_after;  // run on the main thread after a delay (optional)
    Post background;       // run on a worker thread (optional)
  };

  explicit Scheduler(Post post) : hooks_{std::move(post), nullptr, nullptr} {}
  explicit Scheduler(Hooks hooks) : hooks_(std::move(hooks)) {}

  // Runs `task` on the main thread after `delay` unless, before it runs, schedule() is called
  // again with the same key or cancel(key) is called. Call from the main thread.
  void schedule(const std::string& key, Task task,
                std::chrono::milliseconds delay = std::chrono::milliseconds{0});
  void cancel(const std::string& key);
  // Tasks scheduled and not yet run or superseded.
  std::size_t pending() const { return pending_.size(); }

  // Runs `task` on the main thread (from any thread).
  void post(Task task) const { hooks_.post(std::move(task)); }
  // Runs `work` on a worker thread. It must not touch main-thread state: it reports back with
  // post(). Exceptions escaping it are logged.
  void background(Task work) const;

 private:
  Hooks hooks_;
  std::uint64_t next_generation_ = 0;
  std::unordered_map<std::string, std::uint64_t> pending_;  // key -> generation to run
};

}  // namespace lw::server

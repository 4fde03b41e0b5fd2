#pragma once
// Runs fn(0) ... fn(count - 1) on up to `threads` threads pulling indices from a shared queue.
// fn must not throw. With one thread (or one item) everything runs on the calling thread.
#include <cstddef>
#include <exception>
#include <functional>
#include <string>

namespace lw::server::cli {

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& fn);

// The default thread count: one per core (at least 1).
unsigned default_thread_count();

// Runs `work` (one file's step inside a parallel_for), turning any exception into `error`
// ("internal error: ..."): a bug must not end the run, nor escape the fn that must not throw.
template <typename Work>
void guarded(std::string& error, Work&& work) {
  try {
    work();
  } catch (const std::exception& e) {
    error = std::string("internal error: ") + e.what();
  } catch (...) {
    error = "internal error";
  }
}

}  // namespace lw::server::cli

#pragma once
// Runs fn(0) ... fn(count - 1) on up to `threads` threads pulling indices from a shared queue.
// fn must not throw. With one thread (or one item) everything runs on the calling thread.
#include <cstddef>
#include <functional>

namespace lw::server::cli {

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& fn);

// The default thread count: one per core (at least 1).
unsigned default_thread_count();

}  // namespace lw::server::cli

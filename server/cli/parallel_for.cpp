#include "server/cli/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace lw::server::cli {

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& fn) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) fn(i);
  };
  const std::size_t workers = std::min<std::size_t>(std::max(threads, 1U), count);
  if (workers <= 1) {
    work();
    return;
  }
  std::vector<std::jthread> pool;
  pool.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
}

unsigned default_thread_count() { return std::max(std::thread::hardware_concurrency(), 1U); }

}  // namespace lw::server::cli

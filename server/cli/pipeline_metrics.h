#pragma once
// What a `check` run measures while it works: thread time per phase (parsing, indexing =
// semantic model and summary, analysis) for `-v`, and the files whose first pass is done for
// the progress line (server/cli/progress_line.h). Updated from the worker threads.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace lw::server::cli {

struct PipelineMetrics {
  std::atomic<std::int64_t> parse_ns{0};
  std::atomic<std::int64_t> index_ns{0};
  std::atomic<std::int64_t> analysis_ns{0};
  std::atomic<std::size_t> files_done{0};
  std::atomic<std::size_t> files_total{0};
};

// Adds the time from construction to destruction to `*counter` (nothing when null).
class PhaseTimer {
 public:
  explicit PhaseTimer(std::atomic<std::int64_t>* counter)
      : counter_(counter), start_(std::chrono::steady_clock::now()) {}
  ~PhaseTimer() {
    if (counter_ == nullptr) return;
    counter_->fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now() - start_)
                            .count(),
                        std::memory_order_relaxed);
  }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

 private:
  std::atomic<std::int64_t>* counter_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace lw::server::cli

#pragma once
// The progress line of `check` on a terminal (INTERFACES.md): a run still working after a
// second shows `Checking: N/M files` on standard error, refreshed ten times a second, and
// clears it when it stops. Never shown when standard error is not a terminal (the caller
// decides: `enabled`), nor for runs that end within the second.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "server/cli/pipeline_metrics.h"

namespace lw::server::cli {

class ProgressLine {
 public:
  // Writes to file descriptor `fd` (2).
  ProgressLine(const PipelineMetrics& metrics, bool enabled, int fd = 2);
  ~ProgressLine();  // stops and clears the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void stop();
  bool shown() const { return shown_; }

 private:
  void run();

  const PipelineMetrics& metrics_;
  int fd_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool shown_ = false;
  std::thread thread_;
};

}  // namespace lw::server::cli

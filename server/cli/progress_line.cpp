#include "server/cli/progress_line.h"

#include <unistd.h>

#include <chrono>
#include <string>

namespace lw::server::cli {
namespace {

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

ProgressLine::ProgressLine(const PipelineMetrics& metrics, bool enabled, int fd)
    : metrics_(metrics), fd_(fd) {
  if (enabled) thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() { stop(); }

void ProgressLine::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressLine::run() {
  std::unique_lock lock(mutex_);
  if (wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) return;
  shown_ = true;
  do {
    const std::size_t total = metrics_.files_total.load();
    const std::size_t done = std::min(metrics_.files_done.load(), total);
    write_all(
        fd_, "\r\x1b[2KChecking: " + std::to_string(done) + "/" + std::to_string(total) + " files");
  } while (!wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; }));
  write_all(fd_, "\r\x1b[2K");  // cleared: the report starts on a clean line
}

}  // namespace lw::server::cli

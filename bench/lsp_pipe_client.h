#pragma once
// A minimal LSP client for the benchmarks: runs the real `loopwarden server` binary on pipes.
// A reader thread decodes frames as they arrive and stamps each with its arrival time, so a
// latency is "write of the notification" -> "complete frame read", and the server can never
// block on a full stdout pipe while the client is busy writing a large document.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lw::bench {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Received {
  json message;
  Clock::time_point at;
};

class LspPipeClient {
 public:
  // Starts `binary` with `args`; its stderr goes to /dev/null.
  LspPipeClient(const std::string& binary, const std::vector<std::string>& args);
  ~LspPipeClient();
  LspPipeClient(const LspPipeClient&) = delete;
  LspPipeClient& operator=(const LspPipeClient&) = delete;

  // Writes one message; returns the time just before the write started.
  Clock::time_point send(const json& message);
  int request(const std::string& method, json params);
  Clock::time_point notify(const std::string& method, json params);

  // The first received message satisfying `match` (removed from the inbox), or nullopt
  // after `timeout`.
  std::optional<Received> wait_for(const std::function<bool(const json&)>& match,
                                   std::chrono::milliseconds timeout);
  std::optional<Received> wait_diagnostics(const std::string& uri, std::optional<int> version,
                                           std::chrono::milliseconds timeout);

  pid_t pid() const { return pid_; }
  // Closes stdin and waits for the process (killing it after `timeout`).
  void finish(std::chrono::milliseconds timeout);

 private:
  void read_loop();

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int next_id_ = 1;
  bool exited_ = false;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<Received> inbox_;
  bool closed_ = false;
};

// VmRSS and VmHWM (peak) of a live process from /proc/PID/status, in KiB; 0 when unknown.
struct ProcessMemory {
  long rss_kib = 0;
  long peak_kib = 0;
};
ProcessMemory process_memory(pid_t pid);

}  // namespace lw::bench

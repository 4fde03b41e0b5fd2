#pragma once
// LSP over a pair of file descriptors (stdin/stdout in production). A dedicated reader thread
// does blocking read()s, feeds protocol::FrameDecoder and hands every decoded body to a
// callback (which posts it to the io_context); framing errors are logged and skipped. Writes
// go through one mutex, one complete frame at a time. No asio here: the callbacks decide
// where work runs.
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "server/lsp/transport.h"

namespace lw::server {

class StdioTransport final : public Transport {
 public:
  using BodyCallback = std::function<void(std::string body)>;
  using ClosedCallback = std::function<void()>;

  StdioTransport(int in_fd, int out_fd);
  ~StdioTransport() override;
  StdioTransport(const StdioTransport&) = delete;
  StdioTransport& operator=(const StdioTransport&) = delete;

  // Starts the reader thread. `on_body` gets each frame body and `on_closed` the end of input
  // (EOF or a read error), both on the reader thread; `on_closed` is not called after stop().
  void start(BodyCallback on_body, ClosedCallback on_closed);
  // Wakes the reader thread and joins it. Idempotent.
  void stop();

  void send(const nlohmann::json& message) override;

 private:
  void read_loop(const BodyCallback& on_body, const ClosedCallback& on_closed);
  bool write_all(const std::string& bytes);

  int in_fd_;
  int out_fd_;
  int wake_read_ = -1;
  int wake_write_ = -1;
  std::thread reader_;
  std::mutex write_mutex_;
  bool write_failed_ = false;  // guarded by write_mutex_
};

}  // namespace lw::server

#pragma once
// LSP over a pair of file descriptors (stdin/stdout in production), with two threads of its
// own so that no client behaviour can wedge the server:
//
// - The reader does blocking read()s, feeds protocol::FrameDecoder and hands every decoded
//   body to a callback (which posts it to the io_context); framing errors are logged and
//   skipped. Input is bounded by back-pressure: while the server has more than
//   `Limits::max_unprocessed_*` of read-but-unhandled input (processed() counts it down), or
//   more than `max_outgoing_bytes` waits for the client to read, the reader stops reading
//   and the client's writes block in the pipe. Nothing is refused: a dropped didChange would
//   desynchronise the document for every later edit, and an error response for a refused
//   request is more output for a client that is not reading. While paused it still sees the
//   client close its end (POLLHUP), then reads what is left (at most a pipe buffer) and ends.
// - The writer takes whole frames from an OutgoingQueue (publishDiagnostics of a document
//   coalesced, responses never dropped) and writes them in chunks of at most PIPE_BUF bytes
//   after poll() says the output can take them, so that stop() can always interrupt it: a
//   client that never reads cannot keep the process alive after its input ends.
//
// send() only queues, from any thread. No asio here: the callbacks decide where work runs.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "server/lsp/outgoing_queue.h"
#include "server/lsp/transport.h"

namespace lw::server {

class StdioTransport final : public Transport {
 public:
  using BodyCallback = std::function<void(std::string body)>;
  using ClosedCallback = std::function<void()>;

  struct Limits {
    std::size_t max_unprocessed_bytes = std::size_t{8} << 20U;  // one larger message passes
    std::size_t max_unprocessed_messages = 4096;
    std::size_t max_outgoing_bytes = std::size_t{16} << 20U;
  };

  StdioTransport(int in_fd, int out_fd, Limits limits);
  StdioTransport(int in_fd, int out_fd) : StdioTransport(in_fd, out_fd, Limits{}) {}
  ~StdioTransport() override;
  StdioTransport(const StdioTransport&) = delete;
  StdioTransport& operator=(const StdioTransport&) = delete;

  // Starts the reader and writer threads. `on_body` gets each frame body and `on_closed` the
  // end of input (EOF or a read error), both on the reader thread; `on_closed` is not called
  // after stop().
  void start(BodyCallback on_body, ClosedCallback on_closed);
  // The server is done with a body of `bytes` bytes that `on_body` delivered (any thread).
  void processed(std::size_t bytes);
  // Waits up to `flush_timeout` for the queued frames to be written, then stops and joins
  // both threads (a write in progress is abandoned). Idempotent.
  void stop(std::chrono::milliseconds flush_timeout = std::chrono::milliseconds{300});

  void send(const nlohmann::json& message) override;

 private:
  enum class WriteOutcome { Written, Failed, Stopped };
  void read_loop(const BodyCallback& on_body, const ClosedCallback& on_closed);
  bool input_paused();
  void write_loop();
  WriteOutcome write_frame(const std::string& frame);

  int in_fd_;
  int out_fd_;
  Limits limits_;
  int wake_read_ = -1;  // readable once stop() has been called: both threads poll it
  int wake_write_ = -1;
  std::thread reader_;
  std::thread writer_;
  std::atomic<std::size_t> unprocessed_bytes_ = 0;
  std::atomic<std::size_t> unprocessed_messages_ = 0;

  std::mutex mutex_;
  std::condition_variable changed_;  // queue, writing_, write_failed_ or stopping_ changed
  OutgoingQueue queue_;              // guarded by mutex_, like the fields below
  std::size_t writing_bytes_ = 0;    // the frame the writer has taken and not finished
  bool write_failed_ = false;
  bool stopping_ = false;
  std::size_t coalesced_ = 0;
};

}  // namespace lw::server

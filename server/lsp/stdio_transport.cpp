#include "server/lsp/stdio_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>

#include "protocol/framing.h"
#include "protocol/jsonrpc.h"

namespace lw::server {
namespace {

// Only the newest diagnostics of a document matter: a queued older publish is replaced.
std::string coalescing_key(const nlohmann::json& message) {
  const auto method = message.find("method");
  if (method == message.end() || *method != "textDocument/publishDiagnostics") return {};
  const auto params = message.find("params");
  if (params == message.end() || !params->is_object()) return {};
  const auto uri = params->find("uri");
  if (uri == params->end() || !uri->is_string()) return {};
  return "publishDiagnostics " + uri->get<std::string>();
}

// While input is paused, how often the reader looks whether the server caught up.
constexpr int kPausedPollMs = 10;

}  // namespace

StdioTransport::StdioTransport(int in_fd, int out_fd, Limits limits)
    : in_fd_(in_fd), out_fd_(out_fd), limits_(limits) {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) == 0) {
    wake_read_ = fds[0];
    wake_write_ = fds[1];
  } else {
    spdlog::error("cannot create the transport's wake-up pipe: {}", std::strerror(errno));
  }
}

StdioTransport::~StdioTransport() {
  stop(std::chrono::milliseconds{0});
  if (wake_read_ >= 0) ::close(wake_read_);
  if (wake_write_ >= 0) ::close(wake_write_);
}

void StdioTransport::start(BodyCallback on_body, ClosedCallback on_closed) {
  writer_ = std::thread([this] { write_loop(); });
  reader_ = std::thread([this, body = std::move(on_body), closed = std::move(on_closed)] {
    read_loop(body, closed);
  });
}

void StdioTransport::stop(std::chrono::milliseconds flush_timeout) {
  {
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    const bool flushed = changed_.wait_for(lock, flush_timeout, [this] {
      return write_failed_ || (queue_.empty() && writing_bytes_ == 0);
    });
    if (!flushed) {
      spdlog::warn("the client is not reading: {} queued bytes not written",
                   queue_.bytes() + writing_bytes_);
    }
    stopping_ = true;
    changed_.notify_all();
  }
  if (wake_write_ >= 0) {
    const char byte = 'x';
    while (::write(wake_write_, &byte, 1) < 0 && errno == EINTR) {
    }
  }
  if (reader_.joinable()) reader_.join();
  if (writer_.joinable()) writer_.join();
  if (coalesced_ > 0) spdlog::info("{} queued diagnostics were superseded unsent", coalesced_);
}

void StdioTransport::processed(std::size_t bytes) {
  unprocessed_bytes_ -= bytes;
  --unprocessed_messages_;
}

bool StdioTransport::input_paused() {
  if (unprocessed_bytes_ > limits_.max_unprocessed_bytes ||
      unprocessed_messages_ > limits_.max_unprocessed_messages) {
    return true;
  }
  const std::lock_guard lock(mutex_);
  return !write_failed_ && queue_.bytes() + writing_bytes_ > limits_.max_outgoing_bytes;
}

void StdioTransport::read_loop(const BodyCallback& on_body, const ClosedCallback& on_closed) {
  protocol::FrameDecoder decoder;
  std::array<char, 65536> buffer{};
  bool hung_up = false;  // the client closed its end: what is left is finite, read it all
  bool was_paused = false;
  while (true) {
    const bool paused = !hung_up && input_paused();
    if (paused != was_paused) {
      if (paused) {
        spdlog::warn("input paused: {} bytes in {} messages unprocessed, the client is {}",
                     unprocessed_bytes_.load(), unprocessed_messages_.load(),
                     "not reading fast enough or the server is busy");
      } else {
        spdlog::info("input resumed");
      }
      was_paused = paused;
    }
    // Paused: no POLLIN, but POLLHUP/POLLERR are always reported.
    std::array<pollfd, 2> fds{
        {{in_fd_, static_cast<short>(paused ? 0 : POLLIN), 0}, {wake_read_, POLLIN, 0}}};
    const int ready = ::poll(fds.data(), wake_read_ >= 0 ? 2 : 1, paused ? kPausedPollMs : -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      spdlog::error("poll on the input failed: {}", std::strerror(errno));
      break;
    }
    if (wake_read_ >= 0 && (fds[1].revents & POLLIN) != 0) return;  // stop(): no on_closed
    if (fds[0].revents == 0) continue;
    if ((fds[0].revents & POLLNVAL) != 0) {
      spdlog::error("the input file descriptor is not open");
      break;
    }
    if (paused) {
      hung_up = true;  // POLLHUP or POLLERR: no more input will come
      continue;
    }
    const ssize_t n = ::read(in_fd_, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      spdlog::error("reading the input failed: {}", std::strerror(errno));
      break;
    }
    if (n == 0) {
      if (decoder.buffered() > 0) {
        spdlog::warn("input ended inside a message ({} bytes dropped)", decoder.buffered());
      }
      spdlog::info("end of input");
      break;
    }
    decoder.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    while (auto result = decoder.next()) {
      if (auto* body = std::get_if<std::string>(&*result)) {
        unprocessed_bytes_ += body->size();
        ++unprocessed_messages_;
        on_body(std::move(*body));
      } else {
        spdlog::error("bad frame: {}", std::get<protocol::FrameError>(*result).message);
      }
    }
  }
  on_closed();
}

void StdioTransport::send(const nlohmann::json& message) {
  std::string key = coalescing_key(message);
  std::string frame = protocol::encode_frame(protocol::serialize(message));
  const std::lock_guard lock(mutex_);
  if (write_failed_ || stopping_) return;
  if (queue_.push(std::move(frame), std::move(key))) ++coalesced_;
  changed_.notify_all();
}

void StdioTransport::write_loop() {
  while (true) {
    std::string frame;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || (!queue_.empty() && !write_failed_); });
      if (stopping_) return;
      frame = *queue_.pop();
      writing_bytes_ = frame.size();
    }
    const WriteOutcome outcome = write_frame(frame);
    const std::lock_guard lock(mutex_);
    writing_bytes_ = 0;
    if (outcome == WriteOutcome::Failed) {
      write_failed_ = true;
      queue_.clear();
      spdlog::error("writing to the client failed ({}); further output is dropped",
                    std::strerror(errno));
    }
    changed_.notify_all();
    if (outcome == WriteOutcome::Stopped) return;
  }
}

StdioTransport::WriteOutcome StdioTransport::write_frame(const std::string& frame) {
  std::size_t written = 0;
  while (written < frame.size()) {
    // Wait until the output takes at least PIPE_BUF bytes without blocking (a pipe that is
    // not full does), or stop() is called.
    std::array<pollfd, 2> fds{{{out_fd_, POLLOUT, 0}, {wake_read_, POLLIN, 0}}};
    const int ready = ::poll(fds.data(), wake_read_ >= 0 ? 2 : 1, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return WriteOutcome::Failed;
    }
    if (wake_read_ >= 0 && (fds[1].revents & POLLIN) != 0) return WriteOutcome::Stopped;
    if ((fds[0].revents & (POLLERR | POLLNVAL)) != 0 && (fds[0].revents & POLLOUT) == 0) {
      errno = EPIPE;
      return WriteOutcome::Failed;
    }
    const std::size_t chunk = std::min<std::size_t>(PIPE_BUF, frame.size() - written);
    const ssize_t n = ::write(out_fd_, frame.data() + written, chunk);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return WriteOutcome::Failed;
    }
    written += static_cast<std::size_t>(n);
  }
  return WriteOutcome::Written;
}

}  // namespace lw::server

#include "server/lsp/stdio_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "protocol/framing.h"
#include "protocol/jsonrpc.h"

namespace lw::server {

StdioTransport::StdioTransport(int in_fd, int out_fd) : in_fd_(in_fd), out_fd_(out_fd) {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) == 0) {
    wake_read_ = fds[0];
    wake_write_ = fds[1];
  } else {
    spdlog::error("cannot create the reader's wake-up pipe: {}", std::strerror(errno));
  }
}

StdioTransport::~StdioTransport() {
  stop();
  if (wake_read_ >= 0) ::close(wake_read_);
  if (wake_write_ >= 0) ::close(wake_write_);
}

void StdioTransport::start(BodyCallback on_body, ClosedCallback on_closed) {
  reader_ = std::thread([this, body = std::move(on_body), closed = std::move(on_closed)] {
    read_loop(body, closed);
  });
}

void StdioTransport::stop() {
  if (!reader_.joinable()) return;
  if (wake_write_ >= 0) {
    const char byte = 'x';
    while (::write(wake_write_, &byte, 1) < 0 && errno == EINTR) {
    }
  }
  reader_.join();
}

void StdioTransport::read_loop(const BodyCallback& on_body, const ClosedCallback& on_closed) {
  protocol::FrameDecoder decoder;
  std::array<char, 65536> buffer{};
  while (true) {
    std::array<pollfd, 2> fds{{{in_fd_, POLLIN, 0}, {wake_read_, POLLIN, 0}}};
    const int ready = ::poll(fds.data(), wake_read_ >= 0 ? 2 : 1, -1);
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
        on_body(std::move(*body));
      } else {
        spdlog::error("bad frame: {}", std::get<protocol::FrameError>(*result).message);
      }
    }
  }
  on_closed();
}

void StdioTransport::send(const nlohmann::json& message) {
  const std::string frame = protocol::encode_frame(protocol::serialize(message));
  const std::lock_guard lock(write_mutex_);
  if (write_failed_) return;
  if (!write_all(frame)) {
    write_failed_ = true;
    spdlog::error("writing to the client failed ({}); further output is dropped",
                  std::strerror(errno));
  }
}

bool StdioTransport::write_all(const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(out_fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {  // a non-blocking stdout: wait until it drains
        pollfd fd{out_fd_, POLLOUT, 0};
        ::poll(&fd, 1, -1);
        continue;
      }
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace lw::server

#pragma once
// The LSP base protocol: "Content-Length: N\r\n[other headers]\r\n\r\n" followed by N bytes
// of JSON. FrameDecoder is pure and incremental (no I/O, no JSON): feed it bytes as they
// arrive, in chunks of any size, and take complete bodies out. A malformed header block is
// reported once as a FrameError and skipped; decoding resumes at the next "Content-Length"
// header, so one bad frame never takes the connection down.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace lw::protocol {

struct FrameError {
  std::string message;
};

// A decoded body, or an error describing bytes that were skipped.
using FrameResult = std::variant<std::string, FrameError>;

struct FrameLimits {
  std::size_t max_body = std::size_t{64} << 20U;    // bytes of one message body
  std::size_t max_header = std::size_t{64} << 10U;  // bytes of one header block
};

class FrameDecoder {
 public:
  FrameDecoder() = default;
  explicit FrameDecoder(FrameLimits limits) : limits_(limits) {}

  void feed(std::string_view bytes);
  // The next complete body or error; nullopt when more bytes are needed.
  std::optional<FrameResult> next();
  // Bytes received but not yet returned (an incomplete frame at end of input).
  std::size_t buffered() const { return buffer_.size() - pos_; }

 private:
  std::optional<FrameResult> parse_header_block();
  FrameError skip_bad_block(std::size_t resync_from, std::size_t block_end, std::string message);
  void compact();

  FrameLimits limits_;
  std::string buffer_;
  std::size_t pos_ = 0;                     // start of unconsumed bytes in buffer_
  std::optional<std::size_t> body_length_;  // set while waiting for a body
};

// "Content-Length: <size>\r\n\r\n<body>".
std::string encode_frame(std::string_view body);

}  // namespace lw::protocol

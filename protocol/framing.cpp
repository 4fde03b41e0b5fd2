#include "protocol/framing.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace lw::protocol {
namespace {

constexpr std::string_view kContentLength = "content-length";

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

// RFC 9110 token characters: what a header name may contain.
bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (std::isalnum(u) != 0) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Case-insensitive search for "content-length" in buffer[from, to).
std::size_t find_content_length(std::string_view buffer, std::size_t from, std::size_t to) {
  if (to < kContentLength.size()) return std::string_view::npos;
  for (std::size_t i = from; i + kContentLength.size() <= to; ++i) {
    if (iequals(buffer.substr(i, kContentLength.size()), kContentLength)) return i;
  }
  return std::string_view::npos;
}

std::string printable(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out;
  for (char c : s.substr(0, kMax)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20U && u < 0x7FU) ? c : '?';
  }
  if (s.size() > kMax) out += "...";
  return out;
}

}  // namespace

void FrameDecoder::feed(std::string_view bytes) { buffer_.append(bytes); }

std::optional<FrameResult> FrameDecoder::next() {
  if (!body_length_) {
    auto header = parse_header_block();
    if (!body_length_) return header;  // an error, or more bytes needed
  }
  if (buffer_.size() - pos_ < *body_length_) return std::nullopt;
  std::string body = buffer_.substr(pos_, *body_length_);
  pos_ += *body_length_;
  body_length_.reset();
  compact();
  return body;
}

std::optional<FrameResult> FrameDecoder::parse_header_block() {
  const std::string_view buffer(buffer_);
  // Blank lines between frames are tolerated silently.
  while (pos_ < buffer.size() && (buffer[pos_] == '\r' || buffer[pos_] == '\n')) {
    if (buffer[pos_] == '\r' && pos_ + 1 == buffer.size()) return std::nullopt;  // "\r|\n"?
    ++pos_;
  }

  std::optional<std::size_t> length;
  std::size_t cursor = pos_;
  while (true) {
    const std::size_t newline = buffer.find('\n', cursor);
    if (newline == std::string_view::npos) {
      if (buffer.size() - pos_ <= limits_.max_header) return std::nullopt;
      // No end of headers in sight: drop the bytes, keeping a possible partial header name.
      const std::size_t keep_from =
          std::max(pos_ + 1, buffer.size() - std::min(buffer.size(), kContentLength.size()));
      const std::size_t found = find_content_length(buffer, pos_ + 1, buffer.size());
      const std::size_t resume = found != std::string_view::npos ? found : keep_from;
      FrameError error{"header block longer than " + std::to_string(limits_.max_header) +
                       " bytes without an empty line; skipped " + std::to_string(resume - pos_) +
                       " bytes"};
      pos_ = resume;
      compact();
      return error;
    }
    std::string_view line = buffer.substr(cursor, newline - cursor);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t line_start = cursor;
    cursor = newline + 1;

    if (line.empty()) {  // end of the header block
      if (!length) {
        return skip_bad_block(pos_ + 1, cursor, "header block without Content-Length");
      }
      pos_ = cursor;
      body_length_ = *length;
      return std::nullopt;
    }

    const std::size_t colon = line.find(':');
    const std::string_view name = colon == std::string_view::npos ? line : line.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() ||
        !std::all_of(name.begin(), name.end(), is_token_char)) {
      return skip_bad_block(line_start + 1, cursor,
                            "malformed header line '" + printable(line) + "'");
    }
    const std::string_view value = trim(line.substr(colon + 1));
    if (!iequals(name, kContentLength)) continue;  // Content-Type and others: accepted, unused

    std::size_t parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (value.empty() || ec != std::errc{} || end != value.data() + value.size()) {
      const bool too_big = ec == std::errc::result_out_of_range;
      return skip_bad_block(line_start + 1, cursor,
                            too_big ? "Content-Length '" + printable(value) + "' is too large"
                                    : "invalid Content-Length '" + printable(value) + "'");
    }
    if (parsed > limits_.max_body) {
      return skip_bad_block(line_start + 1, cursor,
                            "Content-Length " + std::to_string(parsed) + " exceeds the limit of " +
                                std::to_string(limits_.max_body) + " bytes");
    }
    if (length && *length != parsed) {
      return skip_bad_block(line_start + 1, cursor, "conflicting Content-Length headers");
    }
    length = parsed;
  }
}

FrameError FrameDecoder::skip_bad_block(std::size_t resync_from, std::size_t block_end,
                                        std::string message) {
  const std::size_t found = find_content_length(buffer_, resync_from, block_end);
  const std::size_t resume = found != std::string_view::npos ? found : block_end;
  FrameError error{std::move(message) + "; skipped " + std::to_string(resume - pos_) + " bytes"};
  pos_ = resume;
  compact();
  return error;
}

void FrameDecoder::compact() {
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  } else if (pos_ > 4096 && pos_ * 2 > buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
}

std::string encode_frame(std::string_view body) {
  std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  frame.append(body);
  return frame;
}

}  // namespace lw::protocol

#pragma once
// The frames waiting for the client to read them, in order. A frame may carry a coalescing
// key (textDocument/publishDiagnostics: its uri): pushing a frame whose key is already queued
// replaces that frame's bytes in place instead of adding one, because only the newest
// diagnostics of a document matter. So a client that stops reading holds at most one publish
// per document here, while responses and other messages keep their place and are never
// dropped. Not thread-safe: StdioTransport guards it with its mutex.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

namespace lw::server {

class OutgoingQueue {
 public:
  // Appends `frame`, or replaces the queued frame with the same non-empty `key`.
  // Returns true when it replaced one.
  bool push(std::string frame, std::string key = {});
  // Removes and returns the oldest frame.
  std::optional<std::string> pop();
  void clear();

  bool empty() const { return frames_.empty(); }
  std::size_t size() const { return frames_.size(); }
  std::size_t bytes() const { return bytes_; }

 private:
  struct Entry {
    std::string frame;
    std::string key;
  };
  std::deque<Entry> frames_;
  std::uint64_t front_sequence_ = 0;  // sequence number of frames_.front()
  std::unordered_map<std::string, std::uint64_t> queued_keys_;  // key -> sequence
  std::size_t bytes_ = 0;
};

}  // namespace lw::server

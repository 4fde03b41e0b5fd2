#include "server/lsp/outgoing_queue.h"

#include <utility>

namespace lw::server {

bool OutgoingQueue::push(std::string frame, std::string key) {
  if (!key.empty()) {
    if (const auto it = queued_keys_.find(key); it != queued_keys_.end()) {
      Entry& queued = frames_[it->second - front_sequence_];
      bytes_ = bytes_ - queued.frame.size() + frame.size();
      queued.frame = std::move(frame);
      return true;
    }
    queued_keys_.emplace(key, front_sequence_ + frames_.size());
  }
  bytes_ += frame.size();
  frames_.push_back(Entry{std::move(frame), std::move(key)});
  return false;
}

std::optional<std::string> OutgoingQueue::pop() {
  if (frames_.empty()) return std::nullopt;
  Entry entry = std::move(frames_.front());
  frames_.pop_front();
  if (!entry.key.empty()) queued_keys_.erase(entry.key);
  ++front_sequence_;
  bytes_ -= entry.frame.size();
  return std::move(entry.frame);
}

void OutgoingQueue::clear() {
  front_sequence_ += frames_.size();
  frames_.clear();
  queued_keys_.clear();
  bytes_ = 0;
}

}  // namespace lw::server

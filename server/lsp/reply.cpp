#include "server/lsp/reply.h"

#include <spdlog/spdlog.h>

#include <atomic>

namespace lw::server {

struct Reply::State {
  protocol::Id id;
  std::string method;
  Transport& transport;
  std::atomic<bool> replied = false;

  State(protocol::Id i, std::string m, Transport& t)
      : id(std::move(i)), method(std::move(m)), transport(t) {}
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  // True for the first caller only.
  bool claim() {
    if (!replied.exchange(true)) return true;
    spdlog::error("second reply to {} (id {}) dropped", method, protocol::to_string(id));
    return false;
  }

  ~State() {
    if (replied) return;
    spdlog::error("no reply to {} (id {}): sending an internal error", method,
                  protocol::to_string(id));
    try {
      transport.send(protocol::make_error(
          id, {protocol::ErrorCode::InternalError, "the server dropped this request", {}}));
    } catch (const std::exception& e) {
      spdlog::error("could not send the internal error: {}", e.what());
    }
  }
};

Reply::Reply(protocol::Id id, std::string method, Transport& transport)
    : state_(std::make_shared<State>(std::move(id), std::move(method), transport)) {}

void Reply::result(protocol::json value) const {
  if (!state_->claim()) return;
  state_->transport.send(protocol::make_result(state_->id, std::move(value)));
}

void Reply::error(protocol::ErrorCode code, std::string message) const {
  if (!state_->claim()) return;
  spdlog::debug("{} (id {}) failed: {}", state_->method, protocol::to_string(state_->id), message);
  state_->transport.send(protocol::make_error(state_->id, {code, std::move(message), {}}));
}

bool Reply::replied() const { return state_->replied; }

const protocol::Id& Reply::id() const { return state_->id; }

}  // namespace lw::server

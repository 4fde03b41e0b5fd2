#include "server/lsp/dispatcher.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace lw::server {

void Dispatcher::add_request(std::string method, RequestHandler handler) {
  requests_.insert_or_assign(std::move(method), std::move(handler));
}

void Dispatcher::add_notification(std::string method, NotificationHandler handler) {
  notifications_.insert_or_assign(std::move(method), std::move(handler));
}

bool Dispatcher::dispatch(const protocol::Request& request, const Reply& reply) const {
  const auto it = requests_.find(request.method);
  if (it == requests_.end()) return false;
  try {
    it->second(request.params, reply);
  } catch (const std::exception& e) {
    spdlog::error("{} (id {}) threw: {}", request.method, protocol::to_string(request.id),
                  e.what());
    reply.error(protocol::ErrorCode::InternalError, request.method + " failed: " + e.what());
  }
  return true;
}

bool Dispatcher::dispatch(const protocol::Notification& notification) const {
  const auto it = notifications_.find(notification.method);
  if (it == notifications_.end()) return false;
  try {
    it->second(notification.params);
  } catch (const std::exception& e) {
    spdlog::error("{} threw: {}", notification.method, e.what());
  }
  return true;
}

std::string Dispatcher::describe_params_error(std::string_view method,
                                              const protocol::ParamsError& e) {
  const std::string_view detail = e.what();
  std::string message = "invalid params for " + std::string(method) + ": params";
  if (!detail.empty() && detail.front() != ':' && detail.front() != '[') message += '.';
  message += detail;
  return message;
}

void Dispatcher::log_dropped_notification(std::string_view method, std::string_view error) {
  spdlog::warn("dropped {}: {}", method, error);
}

}  // namespace lw::server

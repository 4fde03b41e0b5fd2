#pragma once
// Method name -> handler tables. Typed binding parses the params in exactly one place: a
// malformed request gets InvalidParams, a malformed notification is logged and dropped, and
// an exception escaping a handler becomes InternalError (requests) or a log line
// (notifications). The lifecycle rules (initialize first, nothing after shutdown) are the
// server's, not the dispatcher's.
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "protocol/jsonrpc.h"
#include "protocol/types/json_read.h"
#include "server/lsp/reply.h"

namespace lw::server {

// For methods without params (shutdown, exit, initialized takes an empty object).
struct NoParams {};

class Dispatcher {
 public:
  using RequestHandler = std::function<void(const protocol::json& params, const Reply& reply)>;
  using NotificationHandler = std::function<void(const protocol::json& params)>;

  void add_request(std::string method, RequestHandler handler);
  void add_notification(std::string method, NotificationHandler handler);

  template <class Params, class Server>
  void bind(std::string method, Server* server, void (Server::*fn)(const Params&, const Reply&)) {
    add_request(method, [server, fn, method](const protocol::json& params, const Reply& reply) {
      Params parsed{};
      if (const auto error = parse_params(method, params, parsed)) {
        reply.error(protocol::ErrorCode::InvalidParams, *error);
        return;
      }
      (server->*fn)(parsed, reply);
    });
  }

  template <class Params, class Server>
  void bind(std::string method, Server* server, void (Server::*fn)(const Params&)) {
    add_notification(method, [server, fn, method](const protocol::json& params) {
      Params parsed{};
      if (const auto error = parse_params(method, params, parsed)) {
        log_dropped_notification(method, *error);
        return;
      }
      (server->*fn)(parsed);
    });
  }

  // False when no handler is bound to the method.
  bool dispatch(const protocol::Request& request, const Reply& reply) const;
  bool dispatch(const protocol::Notification& notification) const;

 private:
  template <class Params>
  static std::optional<std::string> parse_params(std::string_view method,
                                                 const protocol::json& params, Params& out) {
    if constexpr (std::is_same_v<Params, NoParams>) {
      return std::nullopt;
    } else {
      try {
        protocol::read_value(params, out);
      } catch (const protocol::ParamsError& e) {
        return describe_params_error(method, e);
      }
      return std::nullopt;
    }
  }
  static std::string describe_params_error(std::string_view method, const protocol::ParamsError& e);
  static void log_dropped_notification(std::string_view method, std::string_view error);

  std::unordered_map<std::string, RequestHandler> requests_;
  std::unordered_map<std::string, NotificationHandler> notifications_;
};

}  // namespace lw::server

#include "protocol/jsonrpc.h"

#include <algorithm>

namespace lw::protocol {
namespace {

InvalidMessage invalid(std::optional<Id> id, std::string message, bool reply = true) {
  return InvalidMessage{std::move(id), {ErrorCode::InvalidRequest, std::move(message), {}}, reply};
}

// The id of a message, when it has a valid one.
std::optional<Id> read_id(const json& id) {
  if (id.is_number_integer()) return Id{id.get<std::int64_t>()};
  if (id.is_number_unsigned() && id.get<std::uint64_t>() <= INT64_MAX) {
    return Id{static_cast<std::int64_t>(id.get<std::uint64_t>())};
  }
  if (id.is_string()) return Id{id.get<std::string>()};
  return std::nullopt;
}

Message classify_response(const json& value, std::optional<Id> id) {
  Response response{std::move(id), {}, {}};
  const auto result = value.find("result");
  const auto error = value.find("error");
  if ((result == value.end()) == (error == value.end())) {
    return invalid(response.id, "a response needs exactly one of 'result' and 'error'", false);
  }
  if (result != value.end()) {
    response.result = *result;
    return response;
  }
  if (!error->is_object() || !error->contains("code") || !(*error)["code"].is_number_integer()) {
    return invalid(response.id, "malformed 'error' in response", false);
  }
  ResponseError e;
  e.code = static_cast<ErrorCode>((*error)["code"].get<int>());
  if (const auto m = error->find("message"); m != error->end() && m->is_string()) {
    e.message = m->get<std::string>();
  }
  if (const auto d = error->find("data"); d != error->end()) e.data = *d;
  response.error = std::move(e);
  return response;
}

}  // namespace

json id_to_json(const Id& id) {
  return std::visit([](const auto& v) { return json(v); }, id);
}

std::string to_string(const Id& id) {
  if (const auto* n = std::get_if<std::int64_t>(&id)) return std::to_string(*n);
  return json(std::get<std::string>(id)).dump();
}

void to_json(json& j, const ResponseError& e) {
  j = json{{"code", static_cast<int>(e.code)}, {"message", e.message}};
  if (e.data) j["data"] = *e.data;
}

std::size_t json_nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, whatever it is
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Message parse_message(std::string_view body) {
  if (json_nesting_depth(body) > kMaxJsonNesting) {
    return InvalidMessage{std::nullopt,
                          {ErrorCode::ParseError,
                           "Parse error: arrays and objects nested deeper than " +
                               std::to_string(kMaxJsonNesting) + " levels",
                           {}}};
  }
  json value = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return InvalidMessage{std::nullopt, {ErrorCode::ParseError, "Parse error: invalid JSON", {}}};
  }
  return classify_message(value);
}

Message classify_message(const json& value) {
  if (!value.is_object()) {
    return invalid(std::nullopt, value.is_array() ? "batch messages are not supported"
                                                  : "a message must be a JSON object");
  }
  const auto id_it = value.find("id");
  const bool has_id = id_it != value.end();
  const std::optional<Id> id = has_id ? read_id(*id_it) : std::nullopt;
  if (has_id && !id && !id_it->is_null()) {
    return invalid(std::nullopt, "'id' must be an integer or a string");
  }

  // A broken notification gets no reply; anything else that is broken does.
  const bool reply = has_id || !value.contains("method");
  const auto version = value.find("jsonrpc");
  if (version == value.end() || *version != "2.0") {
    return invalid(id, "'jsonrpc' must be \"2.0\"", reply);
  }

  const auto method = value.find("method");
  if (method == value.end()) {
    if (has_id) return classify_response(value, id);
    return invalid(std::nullopt, "a message needs a 'method' or an 'id'");
  }
  if (!method->is_string()) return invalid(id, "'method' must be a string", reply);

  json params;  // null when absent
  if (const auto p = value.find("params"); p != value.end()) {
    // `"params": null` (sent by eglot for shutdown/exit) is taken as absent params.
    if (!p->is_null() && !p->is_object() && !p->is_array()) {
      return invalid(id, "'params' must be an object or an array", reply);
    }
    params = *p;
  }
  if (!has_id) return Notification{method->get<std::string>(), std::move(params)};
  if (!id) return invalid(std::nullopt, "a request id must not be null");
  return Request{*id, method->get<std::string>(), std::move(params)};
}

json make_result(const Id& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id_to_json(id)}, {"result", std::move(result)}};
}

json make_error(const std::optional<Id>& id, const ResponseError& error) {
  json message{{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", error}};
  if (id) message["id"] = id_to_json(*id);
  return message;
}

json make_notification(std::string_view method, json params) {
  json message{{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  return message;
}

json make_request(const Id& id, std::string_view method, json params) {
  json message{{"jsonrpc", "2.0"}, {"id", id_to_json(id)}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  return message;
}

std::string serialize(const json& message) {
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace lw::protocol

#pragma once
// JSON-RPC 2.0 messages as LSP uses them: classification of an incoming body into a request,
// a notification or a response, error codes, and builders for outgoing messages. Batches are
// not part of LSP and are rejected as InvalidRequest.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace lw::protocol {

using json = nlohmann::json;

// A request id: an integer or a string (JSON-RPC also allows null in error responses, which
// is expressed as std::optional<Id> where needed).
using Id = std::variant<std::int64_t, std::string>;

// Id is a std::variant, which ADL-based to_json cannot reach: convert explicitly.
json id_to_json(const Id& id);
std::string to_string(const Id& id);  // for logs: 7, "abc"

enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  UnknownErrorCode = -32001,
  RequestFailed = -32803,
  ServerCancelled = -32802,
  ContentModified = -32801,
  RequestCancelled = -32800,
};

struct ResponseError {
  ErrorCode code = ErrorCode::InternalError;
  std::string message;
  std::optional<json> data;  // absent when nullopt; may hold an explicit null
};

void to_json(json& j, const ResponseError& e);

struct Request {
  Id id;
  std::string method;
  json params;  // null when the message had no "params"
};

struct Notification {
  std::string method;
  json params;  // null when the message had no "params"
};

struct Response {
  std::optional<Id> id;  // nullopt: "id": null (an error about an unreadable request)
  std::optional<json> result;
  std::optional<ResponseError> error;
};

// A body that is not a usable JSON-RPC message, with the error to send back. `reply` is
// false when no reply may be sent (a broken message that was meant as a notification or a
// response).
struct InvalidMessage {
  std::optional<Id> id;
  ResponseError error;
  bool reply = true;
};

using Message = std::variant<Request, Notification, Response, InvalidMessage>;

// Bodies whose arrays and objects nest deeper than this are refused with ParseError before
// they are parsed: nlohmann::json copies, compares and serialises recursively, and 100,000
// nested arrays (a 200 KB message) overflowed the stack. LSP messages nest a dozen levels.
inline constexpr std::size_t kMaxJsonNesting = 512;

// The deepest nesting of arrays and objects in a JSON text, skipping string contents. For a
// text that is not valid JSON the result is only an estimate (parsing fails anyway).
std::size_t json_nesting_depth(std::string_view text);

// Parses and classifies one frame body. Never throws.
Message parse_message(std::string_view body);
// Classifies an already parsed value. Never throws.
Message classify_message(const json& value);

// Outgoing messages.
json make_result(const Id& id, json result);
json make_error(const std::optional<Id>& id, const ResponseError& error);
json make_notification(std::string_view method, json params);
json make_request(const Id& id, std::string_view method, json params);

// Serialises a message for a frame; invalid UTF-8 in strings is replaced, never throws.
std::string serialize(const json& message);

}  // namespace lw::protocol

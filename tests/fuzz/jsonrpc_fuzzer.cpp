// Fuzz target: JSON-RPC classification (protocol::parse_message) and the typed decoding of
// the LSP types (protocol/types/*). Properties: parse_message never throws and agrees with
// classify_message; what it classifies has the shape its kind promises; every reply built
// from it serialises; read_value of every LSP type throws ParamsError or nothing (never a
// nlohmann exception or a crash), and a decoded value survives to_json -> read_value.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "protocol/jsonrpc.h"
#include "protocol/types/basic.h"
#include "protocol/types/diagnostics.h"
#include "protocol/types/json_read.h"
#include "protocol/types/lifecycle.h"
#include "protocol/types/text_sync.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace p = lw::protocol;
using p::json;

template <class T>
void decode(const json& value) {
  T first{};
  try {
    p::read_value(value, first);
  } catch (const p::ParamsError& e) {
    LW_FUZZ_CHECK(e.what() != nullptr);
    return;
  }
  // Whatever was accepted is written back in a form that reads back to the same value.
  const json written = first;
  T second{};
  try {
    p::read_value(written, second);
  } catch (const p::ParamsError& e) {
    LW_FUZZ_CHECK(false, std::string("re-reading ") + written.dump() + ": " + e.what());
  }
  const json rewritten = second;
  LW_FUZZ_CHECK(written == rewritten, written.dump() + " != " + rewritten.dump());
  (void)p::serialize(written);
}

void decode_all(const json& value) {
  decode<p::Position>(value);
  decode<p::Range>(value);
  decode<p::Location>(value);
  decode<p::TextDocumentIdentifier>(value);
  decode<p::VersionedTextDocumentIdentifier>(value);
  decode<p::TextDocumentItem>(value);
  decode<p::DidOpenTextDocumentParams>(value);
  decode<p::TextDocumentContentChangeEvent>(value);
  decode<p::DidChangeTextDocumentParams>(value);
  decode<p::DidCloseTextDocumentParams>(value);
  decode<p::DidSaveTextDocumentParams>(value);
  decode<p::ClientInfo>(value);
  decode<p::ClientCapabilities>(value);
  decode<p::WorkspaceFolder>(value);
  decode<p::InitializeParams>(value);
  decode<p::InitializeResult>(value);
  decode<p::CodeDescription>(value);
  decode<p::DiagnosticRelatedInformation>(value);
  decode<p::Diagnostic>(value);
  decode<p::PublishDiagnosticsParams>(value);
}

void check_message(const p::Message& message, const json& value) {
  if (const auto* request = std::get_if<p::Request>(&message)) {
    LW_FUZZ_CHECK(value.is_object() && value.contains("id") && value["method"].is_string());
    LW_FUZZ_CHECK(request->params.is_null() || request->params.is_object() ||
                  request->params.is_array());
    (void)p::serialize(p::make_result(request->id, request->params));
    (void)p::to_string(request->id);
  } else if (const auto* notification = std::get_if<p::Notification>(&message)) {
    LW_FUZZ_CHECK(value.is_object() && !value.contains("id") && value["method"].is_string());
    (void)p::serialize(p::make_notification(notification->method, notification->params));
  } else if (const auto* response = std::get_if<p::Response>(&message)) {
    LW_FUZZ_CHECK(value.is_object() && !value.contains("method") && value.contains("id"));
    LW_FUZZ_CHECK(response->result.has_value() != response->error.has_value());
  } else {
    const auto& invalid = std::get<p::InvalidMessage>(message);
    const json reply = p::make_error(invalid.id, invalid.error);
    LW_FUZZ_CHECK(reply["error"]["code"].is_number_integer());
    (void)p::serialize(reply);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);  // NOLINT
  const p::Message message = p::parse_message(body);
  if (p::json_nesting_depth(body) > p::kMaxJsonNesting) {  // refused before parsing
    const auto* invalid = std::get_if<p::InvalidMessage>(&message);
    LW_FUZZ_CHECK(invalid != nullptr && invalid->error.code == p::ErrorCode::ParseError);
    return 0;
  }

  const json value = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    const auto* invalid = std::get_if<p::InvalidMessage>(&message);
    LW_FUZZ_CHECK(invalid != nullptr && invalid->error.code == p::ErrorCode::ParseError);
    return 0;
  }
  LW_FUZZ_CHECK(message.index() == p::classify_message(value).index());
  check_message(message, value);

  // The decoders, on the message, on its params and on each member of its params (where the
  // nested structures of a real message live).
  decode_all(value);
  if (value.is_object() && value.contains("params")) {
    const json& params = value["params"];
    decode_all(params);
    if (params.is_object() || params.is_array()) {
      for (const auto& member : params) decode_all(member);
    }
  }
  return 0;
}

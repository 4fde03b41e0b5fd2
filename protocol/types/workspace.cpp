#include "protocol/types/workspace.h"

#include "protocol/types/json_read.h"

namespace lw::protocol {

void from_json(const json& j, DidChangeConfigurationParams& p) {
  expect_object(j, "params");
  const auto it = j.find("settings");
  p.settings = it == j.end() ? json() : *it;
}

void from_json(const json& j, FileEvent& e) {
  expect_object(j, "FileEvent");
  e.uri = required_field<std::string>(j, "uri");
  const int type = required_field<int>(j, "type");
  if (type < 1 || type > 3) throw ParamsError("type: expected 1, 2 or 3");
  e.type = static_cast<FileChangeType>(type);
}

void from_json(const json& j, DidChangeWatchedFilesParams& p) {
  expect_object(j, "params");
  p.changes = required_field<std::vector<FileEvent>>(j, "changes");
}

void from_json(const json& j, DidChangeWorkspaceFoldersParams& p) {
  expect_object(j, "params");
  const json event = required_field<json>(j, "event");
  try {
    expect_object(event, "event");
    p.added = required_field<std::vector<WorkspaceFolder>>(event, "added");
    p.removed = required_field<std::vector<WorkspaceFolder>>(event, "removed");
  } catch (const ParamsError& e) {
    throw ParamsError(std::string("event.") + e.what());
  }
}

void from_json(const json& j, TextDocumentPositionParams& p) {
  expect_object(j, "params");
  p.text_document = required_field<TextDocumentIdentifier>(j, "textDocument");
  p.position = required_field<Position>(j, "position");
}

void from_json(const json& j, DocumentDiagnosticParams& p) {
  expect_object(j, "params");
  p.text_document = required_field<TextDocumentIdentifier>(j, "textDocument");
  p.identifier = optional_field<std::string>(j, "identifier");
  p.previous_result_id = optional_field<std::string>(j, "previousResultId");
}

void from_json(const json& j, PreviousResultId& p) {
  expect_object(j, "PreviousResultId");
  p.uri = required_field<std::string>(j, "uri");
  p.value = required_field<std::string>(j, "value");
}

void from_json(const json& j, WorkspaceDiagnosticParams& p) {
  expect_object(j, "params");
  p.identifier = optional_field<std::string>(j, "identifier");
  p.previous_result_ids = required_field<std::vector<PreviousResultId>>(j, "previousResultIds");
}

void from_json(const json& j, CancelParams& p) {
  expect_object(j, "params");
  const auto it = j.find("id");
  if (it == j.end()) throw ParamsError("id: missing");
  if (it->is_number_integer()) {
    p.id = it->get<std::int64_t>();
  } else if (it->is_string()) {
    p.id = it->get<std::string>();
  } else {
    throw ParamsError("id: expected an integer or a string");
  }
}

std::optional<TraceValue> parse_trace_value(std::string_view s) {
  if (s == "off") return TraceValue::Off;
  if (s == "messages") return TraceValue::Messages;
  if (s == "verbose") return TraceValue::Verbose;
  return std::nullopt;
}

void from_json(const json& j, SetTraceParams& p) {
  expect_object(j, "params");
  const auto value = parse_trace_value(required_field<std::string>(j, "value"));
  if (!value) throw ParamsError("value: expected \"off\", \"messages\" or \"verbose\"");
  p.value = *value;
}

}  // namespace lw::protocol

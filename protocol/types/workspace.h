#pragma once
// The parameters the server reads for workspace and language features beyond text sync:
// configuration, watched files, workspace folders, pull diagnostics, hover, cancellation,
// tracing. What the server only writes (reports, registrations, progress) is built as JSON
// where it is sent.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/jsonrpc.h"
#include "protocol/types/basic.h"
#include "protocol/types/lifecycle.h"

namespace lw::protocol {

using json = nlohmann::json;

struct DidChangeConfigurationParams {
  json settings;  // any value; null when the client wants the server to pull
};
void from_json(const json& j, DidChangeConfigurationParams& p);

enum class FileChangeType : std::uint8_t { Created = 1, Changed = 2, Deleted = 3 };
struct FileEvent {
  std::string uri;
  FileChangeType type = FileChangeType::Changed;
};
void from_json(const json& j, FileEvent& e);
struct DidChangeWatchedFilesParams {
  std::vector<FileEvent> changes;
};
void from_json(const json& j, DidChangeWatchedFilesParams& p);

struct DidChangeWorkspaceFoldersParams {
  std::vector<WorkspaceFolder> added;
  std::vector<WorkspaceFolder> removed;
};
void from_json(const json& j, DidChangeWorkspaceFoldersParams& p);

struct TextDocumentPositionParams {
  TextDocumentIdentifier text_document;
  Position position;
};
void from_json(const json& j, TextDocumentPositionParams& p);

struct DocumentDiagnosticParams {
  TextDocumentIdentifier text_document;
  std::optional<std::string> identifier;
  std::optional<std::string> previous_result_id;
};
void from_json(const json& j, DocumentDiagnosticParams& p);

struct PreviousResultId {
  std::string uri;
  std::string value;
};
void from_json(const json& j, PreviousResultId& p);
struct WorkspaceDiagnosticParams {
  std::optional<std::string> identifier;
  std::vector<PreviousResultId> previous_result_ids;
};
void from_json(const json& j, WorkspaceDiagnosticParams& p);

struct CancelParams {
  Id id;
};
void from_json(const json& j, CancelParams& p);

enum class TraceValue : std::uint8_t { Off, Messages, Verbose };
std::optional<TraceValue> parse_trace_value(std::string_view s);
struct SetTraceParams {
  TraceValue value = TraceValue::Off;
};
void from_json(const json& j, SetTraceParams& p);

}  // namespace lw::protocol

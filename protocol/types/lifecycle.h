#pragma once
// initialize / initialized / shutdown: the parameters and the result. Client capabilities are
// a subset (added as needed) and read tolerantly: an unexpected shape in a capability means
// "not supported", never a failed `initialize`.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/types/code_action.h"
#include "protocol/types/notebook.h"

namespace lw::protocol {

using json = nlohmann::json;

struct ClientInfo {
  std::string name;
  std::optional<std::string> version;
};
void to_json(json& j, const ClientInfo& c);
void from_json(const json& j, ClientInfo& c);

// textDocument.publishDiagnostics
struct PublishDiagnosticsClientCapabilities {
  bool related_information = false;
  std::vector<int> tag_support;  // tagSupport.valueSet
  bool version_support = false;
  bool code_description_support = false;
  bool data_support = false;
};
void to_json(json& j, const PublishDiagnosticsClientCapabilities& c);
void from_json(const json& j, PublishDiagnosticsClientCapabilities& c);

// textDocument.diagnostic (pull diagnostics)
struct DiagnosticClientCapabilities {
  bool dynamic_registration = false;
  bool related_document_support = false;
};
void to_json(json& j, const DiagnosticClientCapabilities& c);
void from_json(const json& j, DiagnosticClientCapabilities& c);

struct TextDocumentClientCapabilities {
  std::optional<PublishDiagnosticsClientCapabilities> publish_diagnostics;
  std::optional<DiagnosticClientCapabilities> diagnostic;  // present: the client can pull
  std::optional<CodeActionClientCapabilities> code_action;
};
void to_json(json& j, const TextDocumentClientCapabilities& c);
void from_json(const json& j, TextDocumentClientCapabilities& c);

struct GeneralClientCapabilities {
  // As offered, in the client's order of preference; may hold encodings we do not know.
  std::optional<std::vector<std::string>> position_encodings;
};
void to_json(json& j, const GeneralClientCapabilities& c);
void from_json(const json& j, GeneralClientCapabilities& c);

struct WindowClientCapabilities {
  bool work_done_progress = false;
};
void to_json(json& j, const WindowClientCapabilities& c);
void from_json(const json& j, WindowClientCapabilities& c);

struct ClientCapabilities {
  GeneralClientCapabilities general;
  TextDocumentClientCapabilities text_document;
  WindowClientCapabilities window;
  WorkspaceClientCapabilities workspace;
  // The whole object as sent, for capabilities read with supports() rather than typed above.
  json raw = json::object();

  // True when the boolean at `pointer` ("/workspace/configuration") is present and true.
  bool supports(std::string_view pointer) const;
  // The value at `pointer`, or null.
  const json& at(std::string_view pointer) const;
};
void to_json(json& j, const ClientCapabilities& c);
void from_json(const json& j, ClientCapabilities& c);

struct WorkspaceFolder {
  std::string uri;
  std::string name;
};
void to_json(json& j, const WorkspaceFolder& w);
void from_json(const json& j, WorkspaceFolder& w);

struct InitializeParams {
  std::optional<std::int64_t> process_id;  // null (or absent): no parent process
  std::optional<ClientInfo> client_info;
  std::optional<std::string> locale;
  std::optional<std::string> root_path;
  std::optional<std::string> root_uri;
  std::optional<json> initialization_options;  // absent: nullopt; may hold null
  ClientCapabilities capabilities;
  std::optional<std::string> trace;
  std::optional<std::vector<WorkspaceFolder>> workspace_folders;
};
void to_json(json& j, const InitializeParams& p);
void from_json(const json& j, InitializeParams& p);

enum class TextDocumentSyncKind : std::uint8_t { None = 0, Full = 1, Incremental = 2 };

struct TextDocumentSyncOptions {
  bool open_close = false;
  TextDocumentSyncKind change = TextDocumentSyncKind::None;
  std::optional<bool> save;  // the boolean form of `save`
};
void to_json(json& j, const TextDocumentSyncOptions& o);
void from_json(const json& j, TextDocumentSyncOptions& o);

struct ServerCapabilities {
  std::optional<std::string> position_encoding;  // "utf-8" / "utf-16" / "utf-32"
  std::optional<TextDocumentSyncOptions> text_document_sync;
  std::optional<bool> hover_provider;
  std::optional<json> diagnostic_provider;  // DiagnosticOptions
  std::optional<json> workspace;            // {workspaceFolders: {...}}
  std::optional<CodeActionOptions> code_action_provider;
  std::optional<NotebookDocumentSyncOptions> notebook_document_sync;
};
void to_json(json& j, const ServerCapabilities& c);
void from_json(const json& j, ServerCapabilities& c);

struct ServerInfo {
  std::string name;
  std::optional<std::string> version;
};
void to_json(json& j, const ServerInfo& s);
void from_json(const json& j, ServerInfo& s);

struct InitializeResult {
  ServerCapabilities capabilities;
  std::optional<ServerInfo> server_info;
};
void to_json(json& j, const InitializeResult& r);
void from_json(const json& j, InitializeResult& r);

}  // namespace lw::protocol

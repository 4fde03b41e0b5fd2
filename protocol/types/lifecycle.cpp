#include "protocol/types/lifecycle.h"

#include "protocol/types/json_read.h"

namespace lw::protocol {

void to_json(json& j, const ClientInfo& c) {
  j = json{{"name", c.name}};
  if (c.version) j["version"] = *c.version;
}
void from_json(const json& j, ClientInfo& c) {
  expect_object(j, "clientInfo");
  c.name = required_field<std::string>(j, "name");
  c.version = optional_field<std::string>(j, "version");
}

void to_json(json& j, const PublishDiagnosticsClientCapabilities& c) {
  j = json{{"relatedInformation", c.related_information},
           {"versionSupport", c.version_support},
           {"codeDescriptionSupport", c.code_description_support},
           {"dataSupport", c.data_support}};
  if (!c.tag_support.empty()) j["tagSupport"] = json{{"valueSet", c.tag_support}};
}
void from_json(const json& j, PublishDiagnosticsClientCapabilities& c) {
  c.related_information = tolerant_field<bool>(j, "relatedInformation").value_or(false);
  c.version_support = tolerant_field<bool>(j, "versionSupport").value_or(false);
  c.code_description_support = tolerant_field<bool>(j, "codeDescriptionSupport").value_or(false);
  c.data_support = tolerant_field<bool>(j, "dataSupport").value_or(false);
  c.tag_support.clear();
  if (const auto tags = tolerant_field<json>(j, "tagSupport")) {
    c.tag_support =
        tolerant_field<std::vector<int>>(*tags, "valueSet").value_or(std::vector<int>{});
  }
}

void to_json(json& j, const DiagnosticClientCapabilities& c) {
  j = json{{"dynamicRegistration", c.dynamic_registration},
           {"relatedDocumentSupport", c.related_document_support}};
}
void from_json(const json& j, DiagnosticClientCapabilities& c) {
  c.dynamic_registration = tolerant_field<bool>(j, "dynamicRegistration").value_or(false);
  c.related_document_support = tolerant_field<bool>(j, "relatedDocumentSupport").value_or(false);
}

void to_json(json& j, const TextDocumentClientCapabilities& c) {
  j = json::object();
  if (c.publish_diagnostics) j["publishDiagnostics"] = *c.publish_diagnostics;
  if (c.diagnostic) j["diagnostic"] = *c.diagnostic;
  if (c.code_action) j["codeAction"] = *c.code_action;
}
void from_json(const json& j, TextDocumentClientCapabilities& c) {
  c.publish_diagnostics =
      tolerant_field<PublishDiagnosticsClientCapabilities>(j, "publishDiagnostics");
  c.diagnostic = tolerant_field<DiagnosticClientCapabilities>(j, "diagnostic");
  c.code_action = tolerant_field<CodeActionClientCapabilities>(j, "codeAction");
}

void to_json(json& j, const GeneralClientCapabilities& c) {
  j = json::object();
  if (c.position_encodings) j["positionEncodings"] = *c.position_encodings;
}
void from_json(const json& j, GeneralClientCapabilities& c) {
  c.position_encodings = tolerant_field<std::vector<std::string>>(j, "positionEncodings");
}

void to_json(json& j, const WindowClientCapabilities& c) {
  j = json{{"workDoneProgress", c.work_done_progress}};
}
void from_json(const json& j, WindowClientCapabilities& c) {
  c.work_done_progress = tolerant_field<bool>(j, "workDoneProgress").value_or(false);
}

void to_json(json& j, const ClientCapabilities& c) {
  j = json{{"general", c.general},
           {"textDocument", c.text_document},
           {"window", c.window},
           {"workspace", c.workspace}};
}
void from_json(const json& j, ClientCapabilities& c) {
  c.general =
      tolerant_field<GeneralClientCapabilities>(j, "general").value_or(GeneralClientCapabilities{});
  c.text_document = tolerant_field<TextDocumentClientCapabilities>(j, "textDocument")
                        .value_or(TextDocumentClientCapabilities{});
  c.window =
      tolerant_field<WindowClientCapabilities>(j, "window").value_or(WindowClientCapabilities{});
  c.workspace = tolerant_field<WorkspaceClientCapabilities>(j, "workspace")
                    .value_or(WorkspaceClientCapabilities{});
  c.raw = j.is_object() ? j : json::object();
}

const json& ClientCapabilities::at(std::string_view pointer) const {
  static const json null_value;
  const json* node = &raw;
  std::size_t pos = 1;  // after the leading '/'
  while (pos <= pointer.size() && pos > 0) {
    const std::size_t next = pointer.find('/', pos);
    const std::string_view key =
        pointer.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    if (!node->is_object()) return null_value;
    const auto it = node->find(key);
    if (it == node->end()) return null_value;
    node = &*it;
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return *node;
}

bool ClientCapabilities::supports(std::string_view pointer) const {
  const json& value = at(pointer);
  return value.is_boolean() && value.get<bool>();
}

void to_json(json& j, const WorkspaceFolder& w) { j = json{{"uri", w.uri}, {"name", w.name}}; }
void from_json(const json& j, WorkspaceFolder& w) {
  expect_object(j, "workspaceFolder");
  w.uri = required_field<std::string>(j, "uri");
  w.name = required_field<std::string>(j, "name");
}

void to_json(json& j, const InitializeParams& p) {
  j = json{{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", p.capabilities}};
  if (p.process_id) j["processId"] = *p.process_id;
  if (p.client_info) j["clientInfo"] = *p.client_info;
  if (p.locale) j["locale"] = *p.locale;
  if (p.root_path) j["rootPath"] = *p.root_path;
  if (p.root_uri) j["rootUri"] = *p.root_uri;
  if (p.initialization_options) j["initializationOptions"] = *p.initialization_options;
  if (p.trace) j["trace"] = *p.trace;
  if (p.workspace_folders) j["workspaceFolders"] = *p.workspace_folders;
}
void from_json(const json& j, InitializeParams& p) {
  expect_object(j, "params");
  p.process_id = optional_field<std::int64_t>(j, "processId");
  p.client_info = tolerant_field<ClientInfo>(j, "clientInfo");
  p.locale = tolerant_field<std::string>(j, "locale");
  p.root_path = optional_field<std::string>(j, "rootPath");
  p.root_uri = optional_field<std::string>(j, "rootUri");
  if (const auto it = j.find("initializationOptions"); it != j.end()) {
    p.initialization_options = *it;
  } else {
    p.initialization_options.reset();
  }
  p.capabilities =
      tolerant_field<ClientCapabilities>(j, "capabilities").value_or(ClientCapabilities{});
  p.trace = tolerant_field<std::string>(j, "trace");
  p.workspace_folders = optional_field<std::vector<WorkspaceFolder>>(j, "workspaceFolders");
}

void to_json(json& j, const TextDocumentSyncOptions& o) {
  j = json{{"openClose", o.open_close}, {"change", static_cast<int>(o.change)}};
  if (o.save) j["save"] = *o.save;
}
void from_json(const json& j, TextDocumentSyncOptions& o) {
  expect_object(j, "textDocumentSync");
  o.open_close = optional_field<bool>(j, "openClose").value_or(false);
  const int change = optional_field<int>(j, "change").value_or(0);
  if (change < 0 || change > 2) throw ParamsError("change: not a TextDocumentSyncKind");
  o.change = static_cast<TextDocumentSyncKind>(change);
  o.save = tolerant_field<bool>(j, "save");
  if (!o.save && j.contains("save") && j["save"].is_object()) o.save = true;  // SaveOptions
}

void to_json(json& j, const ServerCapabilities& c) {
  j = json::object();
  if (c.position_encoding) j["positionEncoding"] = *c.position_encoding;
  if (c.text_document_sync) j["textDocumentSync"] = *c.text_document_sync;
  if (c.hover_provider) j["hoverProvider"] = *c.hover_provider;
  if (c.diagnostic_provider) j["diagnosticProvider"] = *c.diagnostic_provider;
  if (c.workspace) j["workspace"] = *c.workspace;
  if (c.code_action_provider) j["codeActionProvider"] = *c.code_action_provider;
  if (c.notebook_document_sync) j["notebookDocumentSync"] = *c.notebook_document_sync;
}
void from_json(const json& j, ServerCapabilities& c) {
  expect_object(j, "capabilities");
  c.position_encoding = optional_field<std::string>(j, "positionEncoding");
  if (const auto kind = j.find("textDocumentSync"); kind != j.end() && kind->is_number()) {
    TextDocumentSyncOptions options;  // the TextDocumentSyncKind-only form
    options.change =
        static_cast<TextDocumentSyncKind>(required_field<std::uint8_t>(j, "textDocumentSync"));
    c.text_document_sync = options;
  } else {
    c.text_document_sync = optional_field<TextDocumentSyncOptions>(j, "textDocumentSync");
  }
  c.hover_provider = tolerant_field<bool>(j, "hoverProvider");
  c.diagnostic_provider = optional_field<json>(j, "diagnosticProvider");
  c.workspace = optional_field<json>(j, "workspace");
  c.code_action_provider.reset();
  if (const auto provider = j.find("codeActionProvider"); provider != j.end()) {
    if (provider->is_boolean()) {
      if (provider->get<bool>()) c.code_action_provider = CodeActionOptions{};
    } else {
      c.code_action_provider = optional_field<CodeActionOptions>(j, "codeActionProvider");
    }
  }
  c.notebook_document_sync = optional_field<NotebookDocumentSyncOptions>(j, "notebookDocumentSync");
}

void to_json(json& j, const ServerInfo& s) {
  j = json{{"name", s.name}};
  if (s.version) j["version"] = *s.version;
}
void from_json(const json& j, ServerInfo& s) {
  expect_object(j, "serverInfo");
  s.name = required_field<std::string>(j, "name");
  s.version = optional_field<std::string>(j, "version");
}

void to_json(json& j, const InitializeResult& r) {
  j = json{{"capabilities", r.capabilities}};
  if (r.server_info) j["serverInfo"] = *r.server_info;
}
void from_json(const json& j, InitializeResult& r) {
  expect_object(j, "result");
  r.capabilities = required_field<ServerCapabilities>(j, "capabilities");
  r.server_info = optional_field<ServerInfo>(j, "serverInfo");
}

}  // namespace lw::protocol

#include "server/lsp/lsp_server.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "analysis/index/lookup_recording.h"
#include "protocol/uri.h"

namespace lw::server {

LspServer::LspServer(Transport& transport, Scheduler& scheduler, std::function<void()> stop,
                     LspServerOptions options)
    : transport_(transport),
      scheduler_(scheduler),
      stop_(std::move(stop)),
      options_(options),
      max_document_size_(options.max_document_size),
      index_([] {
        auto index = std::make_shared<analysis::index::WorkspaceIndex>();
        index->set_lookup_observer(&analysis::index::record_lookup);
        return index;
      }()) {
  // The bind table: one line per method.
  dispatcher_.bind("initialize", this, &LspServer::on_initialize);
  dispatcher_.bind("initialized", this, &LspServer::on_initialized);
  dispatcher_.bind("shutdown", this, &LspServer::on_shutdown);
  dispatcher_.bind("exit", this, &LspServer::on_exit);
  dispatcher_.bind("textDocument/didOpen", this, &LspServer::on_did_open);
  dispatcher_.bind("textDocument/didChange", this, &LspServer::on_did_change);
  dispatcher_.bind("textDocument/didClose", this, &LspServer::on_did_close);
  dispatcher_.bind("textDocument/didSave", this, &LspServer::on_did_save);
  dispatcher_.bind("textDocument/diagnostic", this, &LspServer::on_document_diagnostic);
  dispatcher_.bind("workspace/diagnostic", this, &LspServer::on_workspace_diagnostic);
  dispatcher_.bind("textDocument/hover", this, &LspServer::on_hover);
  dispatcher_.bind("workspace/didChangeConfiguration", this,
                   &LspServer::on_did_change_configuration);
  dispatcher_.bind("workspace/didChangeWatchedFiles", this,
                   &LspServer::on_did_change_watched_files);
  dispatcher_.bind("workspace/didChangeWorkspaceFolders", this,
                   &LspServer::on_did_change_workspace_folders);
  dispatcher_.bind("$/cancelRequest", this, &LspServer::on_cancel_request);
  dispatcher_.bind("$/setTrace", this, &LspServer::on_set_trace);
  dispatcher_.bind("textDocument/codeAction", this, &LspServer::on_code_action);
  dispatcher_.bind("codeAction/resolve", this, &LspServer::on_code_action_resolve);
  dispatcher_.bind("notebookDocument/didOpen", this, &LspServer::on_notebook_did_open);
  dispatcher_.bind("notebookDocument/didChange", this, &LspServer::on_notebook_did_change);
  dispatcher_.bind("notebookDocument/didSave", this, &LspServer::on_notebook_did_save);
  dispatcher_.bind("notebookDocument/didClose", this, &LspServer::on_notebook_did_close);
}

void LspServer::on_message(std::string_view body) {
  if (state_ == State::Exited) return;
  on_parsed_message(protocol::parse_message(body));
}

void LspServer::on_parsed_message(const protocol::Message& message) {
  if (state_ == State::Exited) return;
  if (const auto* request = std::get_if<protocol::Request>(&message)) {
    on_request(*request);
  } else if (const auto* notification = std::get_if<protocol::Notification>(&message)) {
    on_notification(*notification);
  } else if (const auto* response = std::get_if<protocol::Response>(&message)) {
    on_response(*response);
  } else {
    const auto& invalid = std::get<protocol::InvalidMessage>(message);
    spdlog::warn("invalid message: {}", invalid.error.message);
    if (invalid.reply) transport_.send(protocol::make_error(invalid.id, invalid.error));
  }
}

void LspServer::on_request(const protocol::Request& request) {
  spdlog::debug("<-- {} (id {})", request.method, protocol::to_string(request.id));
  const Reply reply(request.id, request.method, transport_);
  if (state_ == State::Uninitialized && request.method != "initialize") {
    reply.error(protocol::ErrorCode::ServerNotInitialized,
                "the server is not initialized: send 'initialize' first");
    return;
  }
  if (state_ == State::ShutDown) {
    reply.error(protocol::ErrorCode::InvalidRequest,
                "the server is shut down: only 'exit' is accepted");
    return;
  }
  if (state_ == State::Running && request.method == "initialize") {
    reply.error(protocol::ErrorCode::InvalidRequest, "the server is already initialized");
    return;
  }
  if (!dispatcher_.dispatch(request, reply)) {
    reply.error(protocol::ErrorCode::MethodNotFound, "unknown method '" + request.method + "'");
  }
}

void LspServer::on_notification(const protocol::Notification& notification) {
  spdlog::debug("<-- {}", notification.method);
  if (notification.method != "exit" && state_ != State::Running) {
    spdlog::warn("dropped {}: the server is {}", notification.method,
                 state_ == State::Uninitialized ? "not initialized" : "shut down");
    return;
  }
  if (!dispatcher_.dispatch(notification)) {
    if (notification.method.starts_with("$/")) {
      spdlog::debug("ignored {}", notification.method);
    } else {
      spdlog::info("ignored unknown notification {}", notification.method);
    }
  }
}

namespace {

// utf-8 when offered (no conversion at all); else utf-16, the LSP default, unless the client
// offers only utf-32.
protocol::PositionEncoding negotiate_encoding(
    const std::optional<std::vector<std::string>>& offered) {
  using protocol::PositionEncoding;
  if (!offered || offered->empty()) return PositionEncoding::Utf16;
  const auto has = [&](PositionEncoding e) {
    return std::find(offered->begin(), offered->end(), protocol::to_string(e)) != offered->end();
  };
  if (has(PositionEncoding::Utf8)) return PositionEncoding::Utf8;
  if (has(PositionEncoding::Utf16)) return PositionEncoding::Utf16;
  if (has(PositionEncoding::Utf32)) return PositionEncoding::Utf32;
  return PositionEncoding::Utf16;
}

}  // namespace

void LspServer::on_initialize(const protocol::InitializeParams& params, const Reply& reply) {
  client_capabilities_ = params.capabilities;
  encoding_ = negotiate_encoding(params.capabilities.general.position_encodings);
  pull_diagnostics_ = params.capabilities.text_document.diagnostic.has_value();
  if (params.trace) trace_ = protocol::parse_trace_value(*params.trace).value_or(trace_);
  const std::string client =
      params.client_info ? params.client_info->name + " " + params.client_info->version.value_or("")
                         : std::string("an unnamed client");
  spdlog::info("initialize from {}: position encoding {}, {} diagnostics", client,
               protocol::to_string(encoding_), pull_diagnostics_ ? "pull" : "push");

  // Workspace folders, else the root (rootUri, then the deprecated rootPath).
  if (params.workspace_folders) {
    for (const auto& folder : *params.workspace_folders) {
      if (auto path = protocol::uri_to_path(folder.uri)) folders_.push_back(std::move(*path));
    }
  } else if (params.root_uri) {
    if (auto path = protocol::uri_to_path(*params.root_uri)) folders_.push_back(std::move(*path));
  } else if (params.root_path && !params.root_path->empty()) {
    folders_.push_back(*params.root_path);
  }
  if (params.initialization_options && params.initialization_options->is_object()) {
    apply_client_settings(*params.initialization_options, "initializationOptions");
  }

  protocol::InitializeResult result;
  result.capabilities.position_encoding = std::string(protocol::to_string(encoding_));
  result.capabilities.text_document_sync = protocol::TextDocumentSyncOptions{
      .open_close = true, .change = protocol::TextDocumentSyncKind::Incremental, .save = true};
  result.capabilities.hover_provider = true;
  if (pull_diagnostics_) {
    result.capabilities.diagnostic_provider = protocol::json{{"identifier", "loopwarden"},
                                                             {"interFileDependencies", true},
                                                             {"workspaceDiagnostics", false}};
  }
  result.capabilities.workspace =
      protocol::json{{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}};
  result.capabilities.code_action_provider = protocol::CodeActionOptions{
      .code_action_kinds = {std::string(protocol::kCodeActionQuickFix),
                            std::string(protocol::kCodeActionRefactorRewrite),
                            std::string(protocol::kCodeActionSourceFixAll)},
      .resolve_provider = true};
  // Jupyter notebooks: their Python cells, analysed together (notebook_sync.cpp).
  result.capabilities.notebook_document_sync = protocol::NotebookDocumentSyncOptions{
      .notebook_selector = {{.notebook_type = "jupyter-notebook", .cell_languages = {"python"}}},
      .save = true};
  result.server_info = protocol::ServerInfo{"loopwarden", LW_VERSION};
  state_ = State::Running;
  reply.result(result);
}

void LspServer::on_initialized(const NoParams& /*params*/) {
  spdlog::debug("client initialized");
  pull_client_settings();
  register_file_watchers();
  start_indexing();
}

void LspServer::on_cancel_request(const protocol::CancelParams& params) {
  const auto it = cancellable_.find(protocol::to_string(params.id));
  if (it == cancellable_.end()) {
    spdlog::debug("$/cancelRequest for {}: nothing pending", protocol::to_string(params.id));
    return;
  }
  const auto cancel = std::move(it->second);
  cancellable_.erase(it);
  cancel();
}

void LspServer::on_set_trace(const protocol::SetTraceParams& params) { trace_ = params.value; }

void LspServer::on_shutdown(const NoParams& /*params*/, const Reply& reply) {
  spdlog::info("shutdown requested");
  shutdown_requested_ = true;
  state_ = State::ShutDown;
  reply.result(nullptr);
}

void LspServer::on_exit(const NoParams& /*params*/) {
  spdlog::info("exit ({})", shutdown_requested_ ? "after shutdown" : "without shutdown");
  finish();
}

void LspServer::on_input_closed() {
  if (state_ == State::Exited) return;
  spdlog::info("the client closed the input{}", shutdown_requested_ ? "" : " without shutdown");
  finish();
}

void LspServer::finish() {
  if (state_ == State::Exited) return;
  state_ = State::Exited;
  if (stop_) stop_();
}

void LspServer::notify(std::string_view method, protocol::json params) {
  transport_.send(protocol::make_notification(method, std::move(params)));
}

void LspServer::send_request(std::string_view method, protocol::json params,
                             ResponseHandler on_response) {
  const std::int64_t id = next_request_id_++;
  outgoing_.emplace(id, std::move(on_response));
  transport_.send(protocol::make_request(protocol::Id{id}, method, std::move(params)));
}

void LspServer::on_response(const protocol::Response& response) {
  const auto* id = response.id ? std::get_if<std::int64_t>(&*response.id) : nullptr;
  const auto it = id != nullptr ? outgoing_.find(*id) : outgoing_.end();
  if (it == outgoing_.end()) {
    spdlog::warn("response to an unknown request (id {})",
                 response.id ? protocol::to_string(*response.id) : "null");
    return;
  }
  const ResponseHandler handler = std::move(it->second);
  outgoing_.erase(it);
  if (response.error) {
    spdlog::debug("request {} failed on the client: {}", *id, response.error->message);
    handler(nullptr, &*response.error);
  } else {
    static const protocol::json null_result;
    handler(response.result ? &*response.result : &null_result, nullptr);
  }
}

void LspServer::show_message(int type, const std::string& message) {
  if (type == 1) {
    spdlog::error("{}", message);
  } else {
    spdlog::warn("{}", message);
  }
  notify("window/showMessage", protocol::json{{"type", type}, {"message", message}});
  notify("window/logMessage", protocol::json{{"type", type}, {"message", message}});
}

void LspServer::log_trace(const std::string& message, const std::string& verbose) {
  if (trace_ == protocol::TraceValue::Off) return;
  protocol::json params{{"message", message}};
  if (trace_ == protocol::TraceValue::Verbose && !verbose.empty()) params["verbose"] = verbose;
  notify("$/logTrace", std::move(params));
}

}  // namespace lw::server

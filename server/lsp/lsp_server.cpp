#include "server/lsp/lsp_server.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace lw::server {

LspServer::LspServer(Transport& transport, Scheduler& scheduler, std::function<void()> stop)
    : transport_(transport), scheduler_(scheduler), stop_(std::move(stop)) {
  // The bind table: one line per method.
  dispatcher_.bind("initialize", this, &LspServer::on_initialize);
  dispatcher_.bind("initialized", this, &LspServer::on_initialized);
  dispatcher_.bind("shutdown", this, &LspServer::on_shutdown);
  dispatcher_.bind("exit", this, &LspServer::on_exit);
  dispatcher_.bind("textDocument/didOpen", this, &LspServer::on_did_open);
  dispatcher_.bind("textDocument/didChange", this, &LspServer::on_did_change);
  dispatcher_.bind("textDocument/didClose", this, &LspServer::on_did_close);
  dispatcher_.bind("textDocument/didSave", this, &LspServer::on_did_save);
  dispatcher_.bind("textDocument/codeAction", this, &LspServer::on_code_action);
  dispatcher_.bind("codeAction/resolve", this, &LspServer::on_code_action_resolve);
}

void LspServer::on_message(std::string_view body) {
  if (state_ == State::Exited) return;
  const protocol::Message message = protocol::parse_message(body);
  if (const auto* request = std::get_if<protocol::Request>(&message)) {
    on_request(*request);
  } else if (const auto* notification = std::get_if<protocol::Notification>(&message)) {
    on_notification(*notification);
  } else if (const auto* response = std::get_if<protocol::Response>(&message)) {
    spdlog::debug("ignoring a response (id {}): the server sends no requests yet",
                  response->id ? protocol::to_string(*response->id) : "null");
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

void LspServer::on_initialize(const protocol::InitializeParams& params, const Reply& reply) {
  client_capabilities_ = params.capabilities;
  const auto& offered = params.capabilities.general.position_encodings;
  const bool utf8 =
      offered && std::find(offered->begin(), offered->end(),
                           protocol::to_string(protocol::PositionEncoding::Utf8)) != offered->end();
  encoding_ = utf8 ? protocol::PositionEncoding::Utf8 : protocol::PositionEncoding::Utf16;
  const std::string client =
      params.client_info ? params.client_info->name + " " + params.client_info->version.value_or("")
                         : std::string("an unnamed client");
  spdlog::info("initialize from {}: position encoding {}", client, protocol::to_string(encoding_));

  protocol::InitializeResult result;
  result.capabilities.position_encoding = std::string(protocol::to_string(encoding_));
  result.capabilities.text_document_sync = protocol::TextDocumentSyncOptions{
      .open_close = true, .change = protocol::TextDocumentSyncKind::Incremental, .save = true};
  result.capabilities.code_action_provider = protocol::CodeActionOptions{
      .code_action_kinds = {std::string(protocol::kCodeActionQuickFix),
                            std::string(protocol::kCodeActionRefactorRewrite),
                            std::string(protocol::kCodeActionSourceFixAll)},
      .resolve_provider = true};
  result.server_info = protocol::ServerInfo{"loopwarden", LW_VERSION};
  state_ = State::Running;
  reply.result(result);
}

void LspServer::on_initialized(const NoParams& /*params*/) { spdlog::debug("client initialized"); }

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

}  // namespace lw::server

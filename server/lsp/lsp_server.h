#pragma once
// The LSP layer: lifecycle, the method bind table and one handler per method. It turns
// protocol messages into calls on the document store and the analysis, and analysis results
// into protocol messages (through convert.h). Single-threaded: every entry point runs on the
// io_context thread.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/diagnostic.h"
#include "protocol/jsonrpc.h"
#include "protocol/position.h"
#include "protocol/types/code_action.h"
#include "protocol/types/lifecycle.h"
#include "protocol/types/text_sync.h"
#include "server/lsp/dispatcher.h"
#include "server/lsp/document_store.h"
#include "server/lsp/reply.h"
#include "server/lsp/scheduler.h"
#include "server/lsp/transport.h"

namespace lw::server {

class LspServer {
 public:
  // `stop` is called once, when the server is done (exit, or end of input).
  LspServer(Transport& transport, Scheduler& scheduler, std::function<void()> stop);

  // One frame body from the client.
  void on_message(std::string_view body);
  // The client's input ended (EOF or read error).
  void on_input_closed();

  // 0 after shutdown, 1 otherwise; meaningful once `stop` has been called.
  int exit_code() const { return shutdown_requested_ ? 0 : 1; }
  protocol::PositionEncoding position_encoding() const { return encoding_; }
  const DocumentStore& documents() const { return documents_; }

 private:
  enum class State { Uninitialized, Running, ShutDown, Exited };

  void on_request(const protocol::Request& request);
  void on_notification(const protocol::Notification& notification);

  // Lifecycle (lsp_server.cpp).
  void on_initialize(const protocol::InitializeParams& params, const Reply& reply);
  void on_initialized(const NoParams& params);
  void on_shutdown(const NoParams& params, const Reply& reply);
  void on_exit(const NoParams& params);

  // Text synchronisation (text_document_sync.cpp).
  void on_did_open(const protocol::DidOpenTextDocumentParams& params);
  void on_did_change(const protocol::DidChangeTextDocumentParams& params);
  void on_did_close(const protocol::DidCloseTextDocumentParams& params);
  void on_did_save(const protocol::DidSaveTextDocumentParams& params);

  // Diagnostics (publish_diagnostics.cpp).
  void schedule_diagnostics(const std::string& uri);
  void publish_diagnostics(const std::string& uri);
  void publish_empty_diagnostics(const std::string& uri);
  // The seam for configuration: pyproject.toml / loopwarden.toml and client settings will
  // produce the options for each file here.
  analysis::AnalysisOptions analysis_options_for(const std::string& uri) const;

  // Code actions (code_actions.cpp).
  void on_code_action(const protocol::CodeActionParams& params, const Reply& reply);
  void on_code_action_resolve(const protocol::CodeAction& params, const Reply& reply);

  // The diagnostics of an open document that code actions are built from (code_actions.cpp).
  std::vector<analysis::Diagnostic> diagnostics_for_actions(const std::string& uri);

  void notify(std::string_view method, protocol::json params);
  void finish();

  Transport& transport_;
  Scheduler& scheduler_;
  std::function<void()> stop_;
  Dispatcher dispatcher_;
  DocumentStore documents_;
  State state_ = State::Uninitialized;
  bool shutdown_requested_ = false;
  protocol::PositionEncoding encoding_ = protocol::PositionEncoding::Utf16;
  protocol::ClientCapabilities client_capabilities_;
};

}  // namespace lw::server

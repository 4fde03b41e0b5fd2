#pragma once
// The LSP layer: lifecycle, the method bind table and one handler per method. It turns
// protocol messages into calls on the document store and the analysis, and analysis results
// into protocol messages (through convert.h). Every member runs on the main (io_context)
// thread; analyses and indexing run on worker threads through the Scheduler and report back
// with self-contained results (analysis_job.h), so no state here is shared between threads.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/diagnostic.h"
#include "analysis/index/workspace_index.h"
#include "protocol/jsonrpc.h"
#include "protocol/position.h"
#include "protocol/types/code_action.h"
#include "protocol/types/lifecycle.h"
#include "protocol/types/notebook.h"
#include "protocol/types/text_sync.h"
#include "protocol/types/workspace.h"
#include "server/config/config_loader.h"
#include "server/config/settings.h"
#include "server/lsp/analysis_job.h"
#include "server/lsp/convert.h"
#include "server/lsp/dispatcher.h"
#include "server/lsp/document_store.h"
#include "server/lsp/reply.h"
#include "server/lsp/scheduler.h"
#include "server/lsp/transport.h"
#include "server/notebook/notebook.h"
#include "server/workspace/library_cache.h"
#include "server/workspace/module_names.h"
#include "server/workspace/python_environment.h"

namespace lw::server {

struct LspServerOptions {
  // How long after a didChange the analysis starts; more edits meanwhile restart the wait.
  std::chrono::milliseconds debounce{50};
  // Adaptive debounce: no wait after a didChange when the last analysis of that document took
  // less than this and none is running (typing in a small file gets its diagnostics at once;
  // a slow file still waits for the pause, so a burst of edits costs one analysis).
  std::chrono::microseconds instant_analysis{4000};
  // Documents larger than this (bytes) are not analysed: the user is told once with
  // window/showMessage and their diagnostics are empty. The editor setting
  // `max-document-size` overrides it.
  std::size_t max_document_size = std::size_t{4} << 20U;
};

class LspServer {
 public:
  // `stop` is called once, when the server is done (exit, or end of input).
  LspServer(Transport& transport, Scheduler& scheduler, std::function<void()> stop,
            LspServerOptions options = {});

  // One frame body from the client.
  void on_message(std::string_view body);
  // The same, parsed already (the stdio reader parses on its own thread, so that a 20 MB
  // didOpen does not hold up the main loop while its JSON is parsed).
  void on_parsed_message(const protocol::Message& message);
  // The client's input ended (EOF or read error).
  void on_input_closed();

  // 0 after shutdown, 1 otherwise; meaningful once `stop` has been called.
  int exit_code() const { return shutdown_requested_ ? 0 : 1; }
  protocol::PositionEncoding position_encoding() const { return encoding_; }
  const DocumentStore& documents() const { return documents_; }
  const analysis::index::WorkspaceIndex& workspace_index() const { return *index_; }

 private:
  enum class State { Uninitialized, Running, ShutDown, Exited };

  void on_request(const protocol::Request& request);
  void on_notification(const protocol::Notification& notification);
  void on_response(const protocol::Response& response);

  // Lifecycle, cancellation, tracing (lsp_server.cpp).
  void on_initialize(const protocol::InitializeParams& params, const Reply& reply);
  void on_initialized(const NoParams& params);
  void on_shutdown(const NoParams& params, const Reply& reply);
  void on_exit(const NoParams& params);
  void on_cancel_request(const protocol::CancelParams& params);
  void on_set_trace(const protocol::SetTraceParams& params);

  // Text synchronisation (text_document_sync.cpp).
  void on_did_open(const protocol::DidOpenTextDocumentParams& params);
  void on_did_change(const protocol::DidChangeTextDocumentParams& params);
  void on_did_close(const protocol::DidCloseTextDocumentParams& params);
  void on_did_save(const protocol::DidSaveTextDocumentParams& params);

  // Notebook documents (notebook_sync.cpp): the cells' text documents live in
  // `cell_documents_`; the notebook's module (its code cells joined, notebook::CellJoin) is an
  // open document of `documents_` under the notebook's URI, analysed like any other, and its
  // results are published per cell (notebook_diagnostics.cpp).
  void on_notebook_did_open(const protocol::DidOpenNotebookDocumentParams& params);
  void on_notebook_did_change(const protocol::DidChangeNotebookDocumentParams& params);
  void on_notebook_did_save(const protocol::DidSaveNotebookDocumentParams& params);
  void on_notebook_did_close(const protocol::DidCloseNotebookDocumentParams& params);
  // Joins the cells again, replaces the module document and schedules its analysis.
  void rebuild_notebook_module(const std::string& uri, std::chrono::milliseconds delay);
  void publish_notebook_diagnostics(const std::string& uri);
  // The diagnostics of the notebook's analysis that start in `span`, as LSP diagnostics of
  // that cell (notebook_diagnostics.cpp).
  std::vector<protocol::Diagnostic> cell_diagnostics(const std::string& notebook_uri,
                                                     std::size_t span,
                                                     const std::vector<analysis::Diagnostic>& all,
                                                     std::vector<std::size_t>* indices = nullptr);
  // textDocument/codeAction in a cell (notebook_code_actions.cpp).
  void on_notebook_code_action(const std::string& notebook_uri,
                               const protocol::CodeActionParams& params, const Reply& reply);

  // Analysis of open documents and push diagnostics (document_analysis.cpp).
  void schedule_analysis(const std::string& uri, std::chrono::milliseconds delay);
  void reanalyze_all_open_documents();
  void start_analysis(const std::string& uri);
  // The analysis of `doc` as it is now, with its options, module and the current index.
  std::shared_ptr<AnalysisJob> make_analysis_job(const std::string& uri, const OpenDocument& doc);
  void on_analysis_done(AnalysisResult result);
  bool too_large(const OpenDocument& doc) const { return doc.text().size() > max_document_size_; }
  // A document over the size limit: empty results for its version, a notice the first time.
  void skip_large_document(const std::string& uri, const OpenDocument& doc);
  // Publishes the accepted results of `uri`, or answers the pulls waiting for them.
  void deliver_results(const std::string& uri, const std::string& previous_result_id);
  void publish_diagnostics(const std::string& uri);
  // Places related locations of other files: the open document's text, else the file on disk.
  LocateInFile related_locator();
  void publish_empty_diagnostics(const std::string& uri);
  bool pull_diagnostics() const { return pull_diagnostics_; }

  // Pull diagnostics (pull_diagnostics.cpp).
  void on_document_diagnostic(const protocol::DocumentDiagnosticParams& params, const Reply& reply);
  void on_workspace_diagnostic(const protocol::WorkspaceDiagnosticParams& params,
                               const Reply& reply);
  void answer_pending_pulls(const std::string& uri);
  void request_diagnostic_refresh();

  // Hover (hover.cpp).
  void on_hover(const protocol::TextDocumentPositionParams& params, const Reply& reply);
  // The hover on a receiver (hover.cpp): its inferred type, computed on a worker, after
  // `prefix` (the diagnostics under the cursor, whose range then is the hover's).
  struct HoverPrefix {
    std::string markdown;
    std::optional<protocol::Range> range;
  };
  void hover_value(const std::string& uri, const OpenDocument& doc, std::uint32_t offset,
                   const Reply& reply, HoverPrefix prefix);

  // Configuration: files, editor settings (lsp_configuration.cpp).
  void on_did_change_configuration(const protocol::DidChangeConfigurationParams& params);
  void apply_client_settings(const protocol::json& section, std::string_view origin);
  void pull_client_settings();
  analysis::AnalysisOptions analysis_options_for(const std::string& uri);
  bool is_excluded(const std::string& uri);
  void report_configuration_errors(const config::Configuration& configuration);

  // The workspace: folders, the index, watched files (lsp_workspace.cpp).
  void on_did_change_watched_files(const protocol::DidChangeWatchedFilesParams& params);
  void on_did_change_workspace_folders(const protocol::DidChangeWorkspaceFoldersParams& params);
  void register_file_watchers();
  void start_indexing();
  struct IndexRun;  // lsp_workspace.cpp: one parallel indexing of the workspace's files
  void index_lane(const std::shared_ptr<IndexRun>& run);
  void on_index_built(std::uint64_t generation,
                      std::vector<analysis::index::ModuleSummary> summaries,
                      std::optional<std::string> progress_token);
  void update_index(const analysis::index::ModuleSummary& summary, const std::string& from_uri);
  void remove_from_index(const std::string& path);
  // Summarises the file on disk again (in the background) unless it is open.
  void refresh_from_disk(const std::string& path);
  void reanalyze_dependents(const std::string& module, const std::string& except_uri);

  // Installed libraries (lsp_libraries.cpp).
  void discover_environment();
  // Asks the client to watch the metadata of the environment's folders outside the workspace
  // (an LSP 3.17 RelativePattern per folder), replacing the previous registration.
  void watch_environment();
  void load_libraries(const std::vector<std::string>& names);
  void add_library_summaries(std::vector<analysis::index::ModuleSummary> summaries);
  analysis::index::ModuleIdentity identity_for(const std::string& uri);

  // Messages to the client (lsp_server.cpp).
  // Code actions (code_actions.cpp).
  void on_code_action(const protocol::CodeActionParams& params, const Reply& reply);
  void on_code_action_resolve(const protocol::CodeAction& params, const Reply& reply);

  // The diagnostics of an open document that code actions are built from (code_actions.cpp).
  std::vector<analysis::Diagnostic> diagnostics_for_actions(const std::string& uri);

  void notify(std::string_view method, protocol::json params);
  using ResponseHandler =
      std::function<void(const protocol::json* result, const protocol::ResponseError* error)>;
  void send_request(std::string_view method, protocol::json params, ResponseHandler on_response);
  void show_message(int type, const std::string& message);  // window/showMessage + logMessage
  void log_trace(const std::string& message, const std::string& verbose);
  void finish();

  Transport& transport_;
  Scheduler& scheduler_;
  std::function<void()> stop_;
  LspServerOptions options_;
  Dispatcher dispatcher_;
  DocumentStore documents_;
  State state_ = State::Uninitialized;
  bool shutdown_requested_ = false;
  protocol::PositionEncoding encoding_ = protocol::PositionEncoding::Utf16;
  protocol::ClientCapabilities client_capabilities_;
  protocol::TraceValue trace_ = protocol::TraceValue::Off;

  // Outgoing requests awaiting the client's response, by id.
  std::int64_t next_request_id_ = 1;
  std::unordered_map<std::int64_t, ResponseHandler> outgoing_;
  // Requests whose reply waits for work: what $/cancelRequest does to each, by id.
  std::unordered_map<std::string, std::function<void()>> cancellable_;

  // Results of the latest accepted analysis of each open document.
  struct DocumentResults {
    std::int32_t version = 0;
    std::vector<analysis::Diagnostic> diagnostics;
    protocol::json lsp = protocol::json::array();  // diagnostics as sent
    std::string result_id;
    analysis::index::ModuleSummary summary;
    std::vector<std::string> looked_up;  // the index lookups of that analysis (sorted)
  };
  std::unordered_map<std::string, DocumentResults> results_;
  std::unordered_map<std::string, std::uint64_t> latest_analysis_;  // uri -> sequence
  struct AnalysisTiming {
    std::optional<std::chrono::microseconds> last;  // how long the last one took
    unsigned running = 0;                           // started, result not back yet
  };
  std::unordered_map<std::string, AnalysisTiming> timing_;  // uri -> its analyses
  // The wait before analysing `uri` after a didChange (LspServerOptions::instant_analysis).
  std::chrono::milliseconds debounce_for(const std::string& uri) const;
  std::uint64_t next_analysis_ = 0;
  std::size_t max_document_size_;        // options_, or the editor setting
  std::set<std::string> skipped_large_;  // told they are too large to analyse
  bool pull_diagnostics_ = false;
  struct PendingPull {
    Reply reply;
    std::optional<std::string> previous_result_id;
    std::string cancel_key;
  };
  std::unordered_map<std::string, std::vector<PendingPull>> pending_pulls_;

  // Open notebooks, by notebook URI.
  struct OpenNotebook {
    std::string notebook_type;
    std::int32_t version = 0;  // the client's
    std::vector<protocol::NotebookCell> cells;
    // The join of the module now in `documents_` (its version is `module_version`).
    std::shared_ptr<const notebook::CellJoin> join;
    std::int32_t module_version = 0;
    std::unordered_map<std::string, protocol::json> published;  // cell URI -> as last sent
  };
  std::unordered_map<std::string, OpenNotebook> notebooks_;
  std::unordered_map<std::string, std::string> notebook_of_cell_;  // cell URI -> notebook URI
  DocumentStore cell_documents_;

  // Configuration.
  config::ConfigLoader config_loader_;
  config::Settings client_settings_;
  std::set<std::string> reported_config_files_;

  // Workspace.
  std::vector<std::string> folders_;  // paths of the workspace folders
  workspace::ModuleNamer namer_;
  std::shared_ptr<const analysis::index::WorkspaceIndex> index_;
  std::uint64_t index_generation_ = 0;
  std::int64_t next_progress_token_ = 1;
  // The project's environment (null until found, or without folders) and the library modules
  // asked for in it: module -> summarised (false: pending, unreadable or not installed).
  std::shared_ptr<const workspace::PythonEnvironment> environment_;
  // Library summaries kept between sessions, in the project's cache folder.
  std::shared_ptr<const workspace::LibraryCache> library_cache_;
  std::uint64_t environment_generation_ = 0;
  std::unordered_map<std::string, bool> libraries_;
  std::vector<analysis::index::ModuleSummary> library_summaries_;  // kept over index rebuilds
  // The environment folders the client watches for us (outside the workspace), and the id of
  // that registration ("" when none).
  std::vector<std::string> watched_environment_;
  std::string environment_registration_;
  int next_registration_ = 1;
};

}  // namespace lw::server

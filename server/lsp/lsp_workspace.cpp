// The workspace in the server: its folders, the index of every module's summary (built in the
// background at start-up with $/progress, kept fresh from open documents' analyses and from
// workspace/didChangeWatchedFiles), and re-analysis of exactly the open documents that depend
// on a module whose summary changed.
//
// The index is immutable once shared: analyses on worker threads hold a shared_ptr to the
// version they started with, and every change makes a new version (copy, update, swap) on the
// main thread.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "analysis/engine.h"
#include "analysis/index/lookup_recording.h"
#include "protocol/uri.h"
#include "server/cli/file_discovery.h"
#include "server/config/path_utils.h"
#include "server/config/read_file.h"
#include "server/lsp/lsp_server.h"
#include "server/notebook/notebook.h"

namespace lw::server {
namespace {

using analysis::index::ModuleSummary;
using analysis::index::WorkspaceIndex;

bool is_config_file(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name == "pyproject.toml" || name == "loopwarden.toml" || name == ".loopwarden.toml" ||
         name == ".gitignore";
}

// An installed distribution's metadata (`.../site-packages/x-1.0.dist-info/METADATA`): it
// changes when `pip install` adds, upgrades or removes a distribution.
bool is_distribution_metadata(const std::filesystem::path& path) {
  return path.filename() == "METADATA" && path.parent_path().extension() == ".dist-info";
}

// A file below a folder the workspace's discovery never enters (`.venv`, `node_modules`,
// `build`, an environment's `site-packages`, ...) between its workspace folder and itself:
// watched, but not a module of the workspace.
bool below_skipped_folder(const std::filesystem::path& file,
                          const std::vector<std::string>& folders) {
  std::filesystem::path relative;
  for (const std::string& folder : folders) {
    std::filesystem::path r = file.lexically_relative(config::normalize_path(folder));
    if (!r.empty() && *r.begin() != "..") {
      relative = std::move(r);
      break;
    }
  }
  for (auto part = relative.begin(); part != relative.end(); ++part) {
    if (std::next(part) == relative.end()) break;  // the file name itself
    const std::string name = part->string();
    if (cli::is_skipped_directory_name(name) || name == "site-packages" ||
        name == "dist-packages") {
      return true;
    }
  }
  return false;
}

protocol::json progress(const std::string& token, protocol::json value) {
  return protocol::json{{"token", token}, {"value", std::move(value)}};
}

}  // namespace

struct LspServer::IndexRun {
  std::chrono::steady_clock::time_point started;
  std::uint64_t generation = 0;
  std::optional<std::string> token;  // $/progress, when the client takes it
  config::Settings settings;         // the editor's settings when indexing started
  std::vector<cli::DiscoveredFile> files;
  std::vector<analysis::index::ModuleIdentity> identities;  // per file
  std::vector<std::optional<ModuleSummary>> summaries;      // per file; empty: unreadable
  std::atomic<std::size_t> next = 0;                        // the next file a lane takes
  std::atomic<std::size_t> done = 0;                        // files finished
  std::atomic<unsigned> lanes_left = 0;
};

analysis::index::ModuleIdentity LspServer::identity_for(const std::string& uri) {
  const auto path = protocol::uri_to_path(uri);
  if (!path) return analysis::index::ModuleIdentity{"", uri, false};
  const std::filesystem::path file = config::normalize_path(*path);
  return namer_.identify(file, file.string());
}

void LspServer::register_file_watchers() {
  if (!client_capabilities_.supports("/workspace/didChangeWatchedFiles/dynamicRegistration")) {
    spdlog::info("the client cannot watch files for the server: the index follows open files only");
    return;
  }
  protocol::json watchers = protocol::json::array();
  for (const char* glob : {"**/*.py", "**/pyproject.toml", "**/loopwarden.toml",
                           "**/.loopwarden.toml", "**/.gitignore", "**/*.dist-info/METADATA"}) {
    watchers.push_back(protocol::json{{"globPattern", glob}});
  }
  protocol::json registration{{"id", "loopwarden/watched-files"},
                              {"method", "workspace/didChangeWatchedFiles"},
                              {"registerOptions", {{"watchers", std::move(watchers)}}}};
  protocol::json registrations = protocol::json::array();
  registrations.push_back(std::move(registration));
  send_request("client/registerCapability",
               protocol::json{{"registrations", std::move(registrations)}},
               [](const protocol::json*, const protocol::ResponseError* error) {
                 if (error != nullptr) {
                   spdlog::warn("the client refused to watch files: {}", error->message);
                 }
               });
}

void LspServer::start_indexing() {
  const std::uint64_t generation = ++index_generation_;
  discover_environment();
  if (folders_.empty()) {  // nothing on disk: the open documents alone
    on_index_built(generation, {}, std::nullopt);
    return;
  }
  auto run = [this, generation](std::optional<std::string> token) {
    if (generation != index_generation_ || state_ != State::Running) return;
    if (token) {
      notify("$/progress", progress(*token, {{"kind", "begin"},
                                             {"title", "loopwarden: indexing"},
                                             {"cancellable", false},
                                             {"percentage", 0}}));
    }
    scheduler_.background(
        [this, generation, token, folders = folders_, settings = client_settings_] {
          // Discovery and module names (stat calls, a cache: one thread), then the files are read
          // and summarised by parallel lanes.
          auto run_state = std::make_shared<IndexRun>();
          run_state->started = std::chrono::steady_clock::now();
          run_state->generation = generation;
          run_state->token = token;
          run_state->settings = settings;
          config::ConfigLoader loader;
          cli::Discovery discovery = cli::discover_files(folders, loader);
          workspace::ModuleNamer namer;
          for (cli::DiscoveredFile& file : discovery.files) {
            // A notebook is no module another file can import: nothing to index.
            if (notebook::is_notebook_path(file.path.native())) continue;
            run_state->identities.push_back(namer.identify(file.path, file.path.string()));
            run_state->files.push_back(std::move(file));
          }
          run_state->summaries.resize(run_state->files.size());
          const unsigned lanes =
              std::max(1U, std::min<unsigned>(std::thread::hardware_concurrency(),
                                              static_cast<unsigned>(run_state->files.size())));
          run_state->lanes_left = lanes;
          for (unsigned lane = 0; lane < lanes; ++lane) index_lane(run_state);
        });
  };
  if (client_capabilities_.window.work_done_progress) {
    const std::string token = "loopwarden/indexing/" + std::to_string(next_progress_token_++);
    send_request("window/workDoneProgress/create", protocol::json{{"token", token}},
                 [run, token](const protocol::json*, const protocol::ResponseError* error) {
                   run(error == nullptr ? std::optional<std::string>(token) : std::nullopt);
                 });
  } else {
    run(std::nullopt);
  }
}

// One lane of the parallel indexing: summarises the next files for about 50 ms, then posts
// itself again at the back of the worker queue, so that an analysis of an open document
// queued meanwhile waits for at most one slice per lane, not for the whole index. The last
// lane to finish hands the summaries (in discovery order) to the main thread.
void LspServer::index_lane(const std::shared_ptr<IndexRun>& run) {
  scheduler_.background([this, run] {
    const auto slice_end = std::chrono::steady_clock::now() + std::chrono::milliseconds{50};
    const std::size_t total = run->files.size();
    for (;;) {
      const std::size_t i = run->next.fetch_add(1);
      if (i >= total) break;
      const cli::DiscoveredFile& file = run->files[i];
      config::FileContents contents = config::read_file(file.path);
      if (contents.ok()) {
        analysis::AnalysisOptions options = file.config->options_for(file.path);
        config::apply_settings_layer(options, run->settings, file.path, file.config->root());
        const analysis::Document doc(std::move(contents.bytes));
        run->summaries[i] = analysis::summarize(doc, options, run->identities[i]);
      }
      const std::size_t done = run->done.fetch_add(1) + 1;
      if (done == total) break;
      if (run->token && i % 64 == 0) {
        const int percentage = static_cast<int>(done * 100 / total);
        scheduler_.post([this, run, percentage, done, total] {
          if (run->generation != index_generation_ || state_ != State::Running) return;
          notify("$/progress",
                 progress(*run->token, {{"kind", "report"},
                                        {"message", std::to_string(done) + "/" +
                                                        std::to_string(total) + " files"},
                                        {"percentage", percentage}}));
        });
      }
      if (std::chrono::steady_clock::now() > slice_end) {
        index_lane(run);  // the rest after what queued meanwhile
        return;
      }
    }
    if (run->lanes_left.fetch_sub(1) != 1) return;
    std::vector<ModuleSummary> summaries;
    summaries.reserve(total);
    for (std::optional<ModuleSummary>& summary : run->summaries) {
      if (summary) summaries.push_back(std::move(*summary));
    }
    spdlog::info("indexed {} files in {} ms", total,
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - run->started)
                     .count());
    auto shared = std::make_shared<std::vector<ModuleSummary>>(std::move(summaries));
    scheduler_.post(
        [this, run, shared] { on_index_built(run->generation, std::move(*shared), run->token); });
  });
}

void LspServer::on_index_built(std::uint64_t generation, std::vector<ModuleSummary> summaries,
                               std::optional<std::string> progress_token) {
  if (state_ != State::Running) return;
  if (progress_token) {
    notify("$/progress",
           progress(*progress_token,
                    {{"kind", "end"}, {"message", std::to_string(summaries.size()) + " files"}}));
  }
  if (generation != index_generation_) return;  // folders or configuration changed meanwhile
  auto next = std::make_shared<WorkspaceIndex>();
  next->set_lookup_observer(&analysis::index::record_lookup);
  std::set<std::string> claimed;  // module names of workspace files
  for (ModuleSummary& summary : summaries) {
    if (documents_.find(protocol::path_to_uri(summary.path)) != nullptr) continue;
    claimed.insert(summary.module);
    next->update(std::move(summary));
  }
  for (const auto& [uri, results] : results_) {  // open documents: the editor's text wins
    if (results.summary.path.empty()) continue;
    claimed.insert(results.summary.module);
    next->update(results.summary);
  }
  // Library modules read before the index was built, unless a workspace file claims the name
  // (the project itself installed in its environment): the workspace's own file wins.
  std::erase_if(library_summaries_, [&](const ModuleSummary& library) {
    if (claimed.count(library.module) == 0) return false;
    libraries_[library.module] = false;
    return true;
  });
  for (const ModuleSummary& library : library_summaries_) next->update(library);
  index_ = std::move(next);
  spdlog::info("workspace index: {} modules, {} functions", index_->module_count(),
               index_->function_count());
  reanalyze_all_open_documents();
}

void LspServer::update_index(const ModuleSummary& summary, const std::string& from_uri) {
  if (summary.module.empty() || summary.path.empty()) return;  // not a module of the workspace
  const ModuleSummary* current = index_->module_for_path(summary.path);
  if (current != nullptr && *current == summary) return;
  const bool interface_changed = current == nullptr || !same_interface(*current, summary);
  // Framework state (`request.state.db = ...`) is read by modules that import nothing of this.
  const bool state_changed =
      current == nullptr ? !summary.state.empty() : current->state != summary.state;
  auto next = std::make_shared<WorkspaceIndex>(*index_);
  next->update(summary);
  index_ = std::move(next);
  if (interface_changed) reanalyze_dependents(summary.module, from_uri);
  if (state_changed) reanalyze_dependents(std::string(WorkspaceIndex::kStateModule), from_uri);
}

void LspServer::remove_from_index(const std::string& path) {
  const ModuleSummary* current = index_->module_for_path(path);
  if (current == nullptr) return;
  const std::string module = current->module;
  const bool had_state = !current->state.empty();
  auto next = std::make_shared<WorkspaceIndex>(*index_);
  next->remove_path(path);
  index_ = std::move(next);
  reanalyze_dependents(module, "");
  if (had_state) reanalyze_dependents(std::string(WorkspaceIndex::kStateModule), "");
}

void LspServer::reanalyze_dependents(const std::string& module, const std::string& except_uri) {
  if (module.empty()) return;
  for (const std::string& uri : documents_.uris()) {
    if (uri == except_uri) continue;
    const auto results = results_.find(uri);
    if (results == results_.end()) continue;  // not analysed yet: it will see the new index
    if (analysis::index::depends_on(*index_, results->second.summary, module)) {
      spdlog::debug("{} depends on {}: analysed again", uri, module);
      schedule_analysis(uri, std::chrono::milliseconds{0});
    }
  }
}

void LspServer::refresh_from_disk(const std::string& path) {
  const std::string uri = protocol::path_to_uri(path);
  if (documents_.find(uri) != nullptr) return;  // the editor's text wins
  if (is_excluded(uri)) {
    remove_from_index(path);
    return;
  }
  scheduler_.background(
      [this, path, uri, options = analysis_options_for(uri), identity = identity_for(uri)] {
        config::FileContents contents = config::read_file(path);
        if (!contents.ok()) {
          scheduler_.post([this, path] {
            if (state_ == State::Running) remove_from_index(path);
          });
          return;
        }
        const analysis::Document doc(std::move(contents.bytes));
        auto summary = std::make_shared<ModuleSummary>(analysis::summarize(doc, options, identity));
        scheduler_.post([this, uri, summary] {
          if (state_ != State::Running || documents_.find(uri) != nullptr) return;
          update_index(*summary, "");
        });
      });
}

void LspServer::on_did_change_watched_files(const protocol::DidChangeWatchedFilesParams& params) {
  bool configuration_changed = false;
  bool environment_changed = false;
  for (const protocol::FileEvent& change : params.changes) {
    const auto path = protocol::uri_to_path(change.uri);
    if (!path) continue;
    const std::filesystem::path file = config::normalize_path(*path);
    if (is_distribution_metadata(file)) {
      environment_changed = true;
    } else if (below_skipped_folder(file, folders_)) {
      continue;  // an installed or generated file: read as a library, if at all
    } else if (is_config_file(file)) {
      configuration_changed = true;
    } else if (file.extension() == ".py") {
      if (change.type == protocol::FileChangeType::Deleted) {
        remove_from_index(file.string());
      } else {
        refresh_from_disk(file.string());
      }
    }
  }
  if (configuration_changed) {
    spdlog::info("a configuration file changed: configuration reloaded, workspace indexed again");
    config_loader_.clear();
    reported_config_files_.clear();
    start_indexing();
  } else if (environment_changed) {
    // `pip install`: the environment and its libraries are read again (their summaries are
    // cached per distribution and version, so only what changed is parsed).
    spdlog::info("an installed distribution changed: the environment is read again");
    start_indexing();
  }
}

void LspServer::on_did_change_workspace_folders(
    const protocol::DidChangeWorkspaceFoldersParams& params) {
  for (const protocol::WorkspaceFolder& folder : params.removed) {
    const auto path = protocol::uri_to_path(folder.uri);
    if (path) std::erase(folders_, *path);
  }
  for (const protocol::WorkspaceFolder& folder : params.added) {
    const auto path = protocol::uri_to_path(folder.uri);
    if (path && std::find(folders_.begin(), folders_.end(), *path) == folders_.end()) {
      folders_.push_back(*path);
    }
  }
  spdlog::info("workspace folders changed: {} now", folders_.size());
  start_indexing();
}

}  // namespace lw::server

// Installed libraries in the server (issue: blocking calls inside third-party libraries): the
// project's environment is found in the background when the workspace is indexed
// (server/workspace/python_environment.h, the same discovery as `check`). Analyses record the
// modules they look up in the index (analysis/index/lookup_recording.h); a looked-up module
// that no workspace file claims and the environment has is summarised on the worker pool, with
// $/progress, and enters the index as a library module; the open documents that depend on it
// are analysed again. Diagnostics never wait for it: they are published first without the
// library and again with it. Budget: workspace::kLibraryBudget modules per environment.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "protocol/uri.h"
#include "server/config/path_utils.h"
#include "server/lsp/lsp_server.h"
#include "server/workspace/environment_settings.h"
#include "server/workspace/library_cache.h"
#include "server/workspace/library_summary.h"

namespace lw::server {
namespace {

namespace fs = std::filesystem;
using analysis::index::ModuleSummary;
using analysis::index::WorkspaceIndex;

}  // namespace

void LspServer::discover_environment() {
  const std::uint64_t generation = ++environment_generation_;
  environment_.reset();
  libraries_.clear();
  library_summaries_.clear();
  if (folders_.empty()) return;
  const fs::path root = folders_.front();
  const config::ConfigurationPtr project = config_loader_.for_directory(root);
  const workspace::EnvironmentSettings settings = workspace::environment_settings(
      project->settings(), project->file().empty() ? root : project->root(), &client_settings_,
      root);
  const fs::path cache_dir = client_settings_.cache_dir ? root / *client_settings_.cache_dir
                             : project->settings().cache_dir
                                 ? project->root() / *project->settings().cache_dir
                                 : root / ".loopwarden_cache";
  // Library summaries read by earlier runs and sessions (server/workspace/library_cache.h).
  library_cache_ = std::make_shared<const workspace::LibraryCache>(cache_dir);
  scheduler_.background([this, generation, settings, root, cache_dir] {
    auto environment = std::make_shared<const workspace::PythonEnvironment>(
        workspace::PythonEnvironment::discover(settings, root, cache_dir));
    scheduler_.post([this, generation, environment] {
      if (generation != environment_generation_ || state_ != State::Running) return;
      spdlog::info("environment: {} ({} import roots)", environment->source(),
                   environment->roots().size());
      environment_ = environment;
      watch_environment();
      for (const auto& [uri, results] : results_) load_libraries(results.looked_up);
    });
  });
}

void LspServer::watch_environment() {
  // The import roots no workspace folder contains: the workspace's own watcher
  // (`**/*.dist-info/METADATA`) sees the others.
  std::vector<std::string> outside;
  for (const fs::path& root : environment_->roots()) {
    const bool inside = std::any_of(folders_.begin(), folders_.end(), [&](const std::string& f) {
      const fs::path relative = root.lexically_relative(config::normalize_path(f));
      return !relative.empty() && *relative.begin() != "..";
    });
    if (!inside) outside.push_back(root.string());
  }
  if (outside == watched_environment_) return;
  if (!client_capabilities_.supports("/workspace/didChangeWatchedFiles/dynamicRegistration")) {
    return;  // register_file_watchers() said so
  }
  if (!outside.empty() &&
      !client_capabilities_.supports("/workspace/didChangeWatchedFiles/relativePatternSupport")) {
    spdlog::info(
        "the client cannot watch folders outside the workspace (no relativePatternSupport): "
        "`pip install` into {} is noticed at the next start",
        outside.front());
    watched_environment_ = outside;
    return;
  }
  if (!environment_registration_.empty()) {
    protocol::json unregistrations = protocol::json::array();
    unregistrations.push_back(protocol::json{{"id", environment_registration_},
                                             {"method", "workspace/didChangeWatchedFiles"}});
    // The spec's misspelt field name (LSP 3.17, UnregistrationParams).
    send_request("client/unregisterCapability",
                 protocol::json{{"unregisterations", std::move(unregistrations)}},
                 [](const protocol::json*, const protocol::ResponseError*) {});
    environment_registration_.clear();
  }
  watched_environment_ = outside;
  if (outside.empty()) return;
  protocol::json watchers = protocol::json::array();
  for (const std::string& root : outside) {
    watchers.push_back(protocol::json{
        {"globPattern",
         {{"baseUri", protocol::path_to_uri(root)}, {"pattern", "*.dist-info/METADATA"}}}});
  }
  environment_registration_ =
      "loopwarden/environment-files/" + std::to_string(next_registration_++);
  protocol::json registrations = protocol::json::array();
  registrations.push_back(protocol::json{{"id", environment_registration_},
                                         {"method", "workspace/didChangeWatchedFiles"},
                                         {"registerOptions", {{"watchers", std::move(watchers)}}}});
  spdlog::info("watching {} environment folders outside the workspace for `pip install`",
               outside.size());
  send_request("client/registerCapability",
               protocol::json{{"registrations", std::move(registrations)}},
               [](const protocol::json*, const protocol::ResponseError* error) {
                 if (error != nullptr) {
                   spdlog::warn("the client refused to watch the environment: {}", error->message);
                 }
               });
}

void LspServer::load_libraries(const std::vector<std::string>& names) {
  if (environment_ == nullptr) return;
  if (spdlog::should_log(spdlog::level::trace)) {
    std::string all;
    for (const std::string& name : names) all += " " + name;
    spdlog::trace("looked up:{}", all);
  }
  std::vector<workspace::LibraryModule> load;
  for (const std::string& name : names) {
    if (libraries_.size() >= workspace::kLibraryBudget) break;
    if (name == WorkspaceIndex::kEveryModule || name == WorkspaceIndex::kStateModule) continue;
    if (libraries_.count(name) != 0 || index_->module(name) != nullptr) continue;
    auto module = environment_->find(name);
    libraries_.emplace(name, false);  // pending, or not a library: asked once
    if (module) load.push_back(std::move(*module));
  }
  if (load.empty()) return;
  spdlog::debug("libraries to read: {} modules, the first {}", load.size(), load.front().module);
  const std::uint64_t generation = environment_generation_;
  auto run = [this, generation, load = std::move(load)](std::optional<std::string> token) {
    if (generation != environment_generation_ || state_ != State::Running) return;
    if (token) {
      notify("$/progress", protocol::json{{"token", *token},
                                          {"value",
                                           {{"kind", "begin"},
                                            {"title", "loopwarden: reading libraries"},
                                            {"message", std::to_string(load.size()) + " modules"},
                                            {"cancellable", false}}}});
    }
    scheduler_.background([this, generation, token, load, cache = library_cache_] {
      auto summaries = std::make_shared<std::vector<ModuleSummary>>();
      for (const workspace::LibraryModule& m : load) {
        if (auto summary = workspace::summarize_library_cached(m, cache.get())) {
          summaries->push_back(std::move(*summary));
        }
      }
      if (cache) cache->flush();
      scheduler_.post([this, generation, token, summaries, count = load.size()] {
        if (state_ != State::Running) return;
        if (token) {
          notify("$/progress",
                 protocol::json{{"token", *token},
                                {"value",
                                 {{"kind", "end"},
                                  {"message", std::to_string(summaries->size()) + "/" +
                                                  std::to_string(count) + " modules"}}}});
        }
        if (generation != environment_generation_) return;
        add_library_summaries(std::move(*summaries));
      });
    });
  };
  if (client_capabilities_.window.work_done_progress) {
    const std::string token = "loopwarden/libraries/" + std::to_string(next_progress_token_++);
    send_request("window/workDoneProgress/create", protocol::json{{"token", token}},
                 [run, token](const protocol::json*, const protocol::ResponseError* error) {
                   run(error == nullptr ? std::optional<std::string>(token) : std::nullopt);
                 });
  } else {
    run(std::nullopt);
  }
}

void LspServer::add_library_summaries(std::vector<ModuleSummary> summaries) {
  if (summaries.empty()) return;
  auto next = std::make_shared<WorkspaceIndex>(*index_);
  std::vector<std::string> modules;
  for (ModuleSummary& summary : summaries) {
    if (next->module(summary.module) != nullptr) continue;  // a workspace file claimed it since
    libraries_[summary.module] = true;
    modules.push_back(summary.module);
    next->update(summary);
    library_summaries_.push_back(std::move(summary));
  }
  index_ = std::move(next);
  spdlog::info("libraries: {} modules summarised ({} in the index)", modules.size(),
               library_summaries_.size());
  // The open documents that looked one of them up (their next analysis may look up more).
  std::sort(modules.begin(), modules.end());
  for (const auto& [uri, results] : results_) {
    const bool needs = std::any_of(
        results.looked_up.begin(), results.looked_up.end(), [&](const std::string& name) {
          return std::binary_search(modules.begin(), modules.end(), name);
        });
    if (needs) schedule_analysis(uri, std::chrono::milliseconds{0});
  }
}

}  // namespace lw::server

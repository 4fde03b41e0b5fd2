// Configuration in the server: the files (loopwarden.toml, [tool.loopwarden] of
// pyproject.toml, found from each document's folder upward, as `check` does) with the editor's
// settings (section `loopwarden`, the same keys) applied over them as one more layer. Settings
// arrive as initializationOptions, with workspace/didChangeConfiguration, or in answer to
// workspace/configuration when the client supports it. Problems are shown to the user
// (window/showMessage) once per source, and never stop the analysis: the defaults apply.
#include <spdlog/spdlog.h>

#include <array>
#include <string_view>

#include "protocol/uri.h"
#include "server/config/path_utils.h"
#include "server/config/settings_json.h"
#include "server/lsp/lsp_server.h"

namespace lw::server {
namespace {

constexpr int kMessageError = 1;

// Keys the editor integrations keep for themselves (how to start the server, tracing).
constexpr std::array<std::string_view, 3> kClientOnlyKeys{"path", "args", "trace"};
// The one setting of the server itself rather than of the analysis (not a TOML key): the size
// in bytes above which a document is not analysed (LspServerOptions::max_document_size).
constexpr const char* kMaxDocumentSize = "max-document-size";

// The workspace folder holding `path`, else the file's own folder: editor settings' globs
// (`per-file-ignores`, `exclude`) are relative to it.
std::filesystem::path settings_root(const std::vector<std::string>& folders,
                                    const std::filesystem::path& path) {
  for (const std::string& folder : folders) {
    const auto root = config::normalize_path(folder);
    if (!config::relative_below(path, root).empty()) return root;
  }
  return path.parent_path();
}

}  // namespace

void LspServer::on_did_change_configuration(const protocol::DidChangeConfigurationParams& params) {
  const protocol::json& settings = params.settings;
  if (settings.is_object() && settings.contains("loopwarden")) {
    apply_client_settings(settings["loopwarden"], "workspace/didChangeConfiguration");
    return;
  }
  // No settings of ours in the notification (null, or other sections): ask for them.
  pull_client_settings();
}

void LspServer::pull_client_settings() {
  if (!client_capabilities_.supports("/workspace/configuration")) return;
  protocol::json items = protocol::json::array();
  items.push_back(protocol::json{{"section", "loopwarden"}});
  send_request("workspace/configuration", protocol::json{{"items", std::move(items)}},
               [this](const protocol::json* result, const protocol::ResponseError* error) {
                 if (error != nullptr || result == nullptr || !result->is_array() ||
                     result->empty() || (*result)[0].is_null()) {
                   return;
                 }
                 apply_client_settings((*result)[0], "workspace/configuration");
               });
}

void LspServer::apply_client_settings(const protocol::json& section, std::string_view origin) {
  protocol::json settings = section;
  max_document_size_ = options_.max_document_size;
  if (settings.is_object()) {
    for (std::string_view key : kClientOnlyKeys) settings.erase(std::string(key));
    if (const auto size = settings.find(kMaxDocumentSize); size != settings.end()) {
      if (size->is_number_unsigned() && size->get<std::uint64_t>() > 0) {
        max_document_size_ = size->get<std::size_t>();
      } else {
        show_message(kMessageError, "loopwarden: `" + std::string(kMaxDocumentSize) +
                                        "` must be a positive number of bytes; " +
                                        std::to_string(max_document_size_) + " applies");
      }
      settings.erase(size);
    }
  }
  config::ParsedSettings parsed =
      config::parse_settings_json(settings, "editor settings (" + std::string(origin) + ")");
  if (!parsed.errors.empty()) {
    std::string message = "loopwarden: invalid settings; the defaults apply:";
    for (const config::ConfigError& e : parsed.errors) message += "\n" + e.to_string();
    show_message(kMessageError, message);
  }
  client_settings_ = std::move(parsed.settings);
  spdlog::info("editor settings applied ({})", origin);
  if (state_ == State::Running) reanalyze_all_open_documents();
}

analysis::AnalysisOptions LspServer::analysis_options_for(const std::string& uri) {
  analysis::AnalysisOptions options;
  const auto path = protocol::uri_to_path(uri);
  if (!path) {  // untitled:, or another scheme: editor settings over the defaults
    config::apply_settings_layer(options, client_settings_, {}, {});
    return options;
  }
  const std::filesystem::path file = config::normalize_path(*path);
  const config::ConfigurationPtr configuration = config_loader_.for_file(file);
  report_configuration_errors(*configuration);
  options = configuration->options_for(file);
  config::apply_settings_layer(options, client_settings_, file, settings_root(folders_, file));
  return options;
}

bool LspServer::is_excluded(const std::string& uri) {
  const auto path = protocol::uri_to_path(uri);
  if (!path) return false;
  const std::filesystem::path file = config::normalize_path(*path);
  if (config_loader_.for_file(file)->is_excluded(file)) return true;
  const std::string relative = config::relative_below(file, settings_root(folders_, file));
  if (relative.empty()) return false;
  for (const config::Glob& glob : client_settings_.exclude) {
    if (config::matches_relative(glob, relative)) return true;
  }
  return false;
}

void LspServer::report_configuration_errors(const config::Configuration& configuration) {
  if (configuration.errors().empty()) return;
  if (!reported_config_files_.insert(configuration.file().string()).second) return;
  std::string message = "loopwarden: errors in the configuration; the defaults apply:";
  for (const config::ConfigError& e : configuration.errors()) message += "\n" + e.to_string();
  show_message(kMessageError, message);
}

}  // namespace lw::server

#include "server/config/config_loader.h"

#include <algorithm>
#include <vector>

#include "server/config/extend_settings.h"
#include "server/config/path_utils.h"
#include "server/config/read_file.h"
#include "server/config/settings_parser.h"

namespace lw::server::config {
namespace {

bool is_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

void append_all(std::vector<std::string>& to, const std::vector<std::string>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// One configuration file and, through `extend`, the files it inherits from. `chain` holds the
// files that extend this one (a file met again is a cycle).
ParsedSettings read_config(const std::filesystem::path& abs,
                           std::vector<std::filesystem::path>& chain) {
  const std::string shown = display_path(abs);
  ParsedSettings parsed;
  FileContents text = read_file(abs);
  if (!text.ok()) {
    parsed.errors.push_back({shown, 0, 0, "cannot read configuration: " + text.error});
    return parsed;
  }
  const ConfigFileKind kind = abs.filename() == "pyproject.toml" ? ConfigFileKind::PyprojectToml
                                                                 : ConfigFileKind::LoopwardenToml;
  parsed = parse_settings(text.bytes, shown, kind);
  if (!parsed.errors.empty() || !parsed.settings.extend) return parsed;
  const std::filesystem::path base = normalize_path(abs.parent_path() / *parsed.settings.extend);
  chain.push_back(abs);
  if (std::find(chain.begin(), chain.end(), base) != chain.end()) {
    std::string cycle;
    const auto from = std::find(chain.begin(), chain.end(), base);
    for (auto it = from; it != chain.end(); ++it) cycle += display_path(*it) + " -> ";
    parsed.errors.push_back({shown, 0, 0, "`extend` makes a cycle: " + cycle + display_path(base)});
    return parsed;
  }
  if (!is_file(base)) {
    parsed.errors.push_back({shown, 0, 0,
                             "`extend` names `" + *parsed.settings.extend +
                                 "`, which is not a file (" + display_path(base) + ")"});
    return parsed;
  }
  ParsedSettings inherited = read_config(base, chain);
  chain.pop_back();
  if (!inherited.errors.empty()) {
    parsed.errors = std::move(inherited.errors);
    return parsed;
  }
  std::vector<std::string> extended{base.string()};
  append_all(extended, inherited.settings.extended);
  parsed.settings = inherit_settings(std::move(inherited.settings), base.parent_path(), parsed);
  parsed.settings.extended = std::move(extended);
  return parsed;
}

}  // namespace

ConfigurationPtr load_config_file(const std::filesystem::path& file, bool require_section) {
  const std::filesystem::path abs = normalize_path(file);
  std::vector<std::filesystem::path> chain;
  ParsedSettings parsed = read_config(abs, chain);
  if (!parsed.has_section && parsed.errors.empty() && require_section) return nullptr;
  return std::make_shared<const Configuration>(abs, std::move(parsed.settings),
                                               std::move(parsed.errors));
}

ConfigLoader::ConfigLoader(std::optional<std::filesystem::path> explicit_file)
    : explicit_file_(std::move(explicit_file)) {
  if (explicit_file_) explicit_file_ = normalize_path(*explicit_file_);
}

void ConfigLoader::set_overrides(ParsedSettings overrides, const std::filesystem::path& root) {
  std::lock_guard lock(mutex_);
  Settings defaults;
  apply_overrides(defaults, overrides);
  defaults_ = std::make_shared<const Configuration>(root / "--config", std::move(defaults));
  overrides_ = std::move(overrides);
}

ConfigurationPtr ConfigLoader::for_file(const std::filesystem::path& file) {
  return for_directory(normalize_path(file).parent_path());
}

ConfigurationPtr ConfigLoader::for_directory(const std::filesystem::path& directory) {
  std::lock_guard lock(mutex_);
  if (explicit_file_) return load_locked(*explicit_file_, false);
  return find_locked(normalize_path(directory));
}

std::vector<ConfigurationPtr> ConfigLoader::loaded_configurations() {
  std::lock_guard lock(mutex_);
  std::vector<ConfigurationPtr> configs;
  for (const auto& [file, config] : by_file_) {
    if (config) configs.push_back(config);
  }
  std::sort(
      configs.begin(), configs.end(),
      [](const ConfigurationPtr& a, const ConfigurationPtr& b) { return a->file() < b->file(); });
  return configs;
}

void ConfigLoader::clear() {
  std::lock_guard lock(mutex_);
  by_directory_.clear();
  by_file_.clear();
}

ConfigurationPtr ConfigLoader::find_locked(const std::filesystem::path& directory) {
  std::vector<std::string> visited;
  ConfigurationPtr found;
  std::filesystem::path dir = directory;
  while (true) {
    std::string key = dir.string();
    if (auto it = by_directory_.find(key); it != by_directory_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(std::move(key));
    if ((found = in_directory_locked(dir))) break;
    if (!dir.has_relative_path()) break;  // the file-system root
    dir = dir.parent_path();
  }
  if (!found) found = defaults_;
  for (std::string& key : visited) by_directory_.emplace(std::move(key), found);
  return found;
}

// Highest precedence first, as ruff's `.ruff.toml`, `ruff.toml`, `pyproject.toml`.
ConfigurationPtr ConfigLoader::in_directory_locked(const std::filesystem::path& directory) {
  for (const char* name : {".loopwarden.toml", "loopwarden.toml"}) {
    const std::filesystem::path own = directory / name;
    if (is_file(own)) return load_locked(own, false);
  }
  const std::filesystem::path pyproject = directory / "pyproject.toml";
  if (is_file(pyproject)) return load_locked(pyproject, true);
  return nullptr;
}

ConfigurationPtr ConfigLoader::load_locked(const std::filesystem::path& file,
                                           bool require_section) {
  const std::string key = file.string();
  if (auto it = by_file_.find(key); it != by_file_.end()) return it->second;
  ConfigurationPtr config = load_config_file(file, require_section);
  if (config && overrides_ && config->errors().empty()) {
    Settings settings = config->settings();
    apply_overrides(settings, *overrides_);
    config = std::make_shared<const Configuration>(config->file(), std::move(settings));
  }
  by_file_.emplace(key, config);
  return config;
}

}  // namespace lw::server::config

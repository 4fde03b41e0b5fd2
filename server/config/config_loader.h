#pragma once
// Finds and loads the configuration that applies to a path. Discovery: from the path's
// directory upward, the nearest directory holding a .loopwarden.toml, a loopwarden.toml or a
// pyproject.toml with a [tool.loopwarden] table (the first of these in that order) wins; none
// found means the defaults.
// An explicit configuration file (`--config FILE`) replaces discovery for every path.
// Results are cached per directory and per file; the loader is thread-safe.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/config/configuration.h"
#include "server/config/settings_parser.h"

namespace lw::server::config {

// Loads one configuration file. A pyproject.toml is read from its [tool.loopwarden] table, any
// other file name from its top level. Returns nullptr for a pyproject.toml without that table
// when `require_section` is set (discovery skips it); read and validation problems end up in
// Configuration::errors().
ConfigurationPtr load_config_file(const std::filesystem::path& file, bool require_section);

class ConfigLoader {
 public:
  explicit ConfigLoader(std::optional<std::filesystem::path> explicit_file = std::nullopt);

  // `--config KEY=VALUE` settings (already validated) over every configuration, the defaults
  // included (then rooted at `root`). Call before the first lookup.
  void set_overrides(ParsedSettings overrides, const std::filesystem::path& root);

  // The configuration for a file (searched from its directory) or for a directory (searched
  // from the directory itself). Never null: the defaults when nothing is found.
  ConfigurationPtr for_file(const std::filesystem::path& file);
  ConfigurationPtr for_directory(const std::filesystem::path& directory);

  // Every configuration file loaded so far, ordered by path (to report their errors).
  std::vector<ConfigurationPtr> loaded_configurations();

  // Forgets every cached result (a configuration file changed).
  void clear();

 private:
  ConfigurationPtr find_locked(const std::filesystem::path& directory);
  ConfigurationPtr in_directory_locked(const std::filesystem::path& directory);
  ConfigurationPtr load_locked(const std::filesystem::path& file, bool require_section);

  std::optional<std::filesystem::path> explicit_file_;
  std::optional<ParsedSettings> overrides_;
  std::mutex mutex_;
  std::unordered_map<std::string, ConfigurationPtr> by_directory_;
  std::unordered_map<std::string, ConfigurationPtr> by_file_;  // nullptr: no section
  ConfigurationPtr defaults_ = std::make_shared<const Configuration>();
};

}  // namespace lw::server::config

#pragma once
// One resolved configuration source and what it means for a given file: which rules run
// (select/ignore layers, then per-file-ignores), severity overrides, extended name lists, and
// whether discovery skips the path (`exclude`). Globs match paths relative to root().
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/config.h"
#include "server/config/config_error.h"
#include "server/config/settings.h"

namespace lw::server::config {

// A select/ignore layer applied over the configuration file's own, like ruff's command line:
// a `select` replaces everything selected before, `ignore` adds to it. Within one layer a more
// specific selector wins (`select = ["LW102"]`, `ignore = ["LW1"]` keeps LW102).
struct RuleSelection {
  std::optional<std::vector<std::string>> select;
  std::vector<std::string> ignore;
  std::vector<std::string> extend_select = {};  // enabled without replacing the selection
};

// Applies one layer to `rules`. Selectors must be valid (see is_valid_rule_selector).
void apply_rule_selection(analysis::RuleSet& rules, const RuleSelection& layer);

class Configuration {
 public:
  // The defaults: no file, every rule, no globs.
  Configuration() = default;
  // `file` is the configuration file (absolute); globs are relative to its directory.
  Configuration(std::filesystem::path file, Settings settings,
                std::vector<ConfigError> errors = {});

  const std::filesystem::path& file() const { return file_; }
  const std::filesystem::path& root() const { return root_; }
  const Settings& settings() const { return settings_; }
  // Problems found while loading; the settings are then the defaults.
  const std::vector<ConfigError>& errors() const { return errors_; }

  // Whether discovery skips `path` (absolute, normalized; a file or a directory).
  bool is_excluded(const std::filesystem::path& path) const;
  // Whether a file found in a folder is one to check: `include` (default `*.py`, `*.ipynb`)
  // or `extend-include` matches it.
  bool is_included(const std::filesystem::path& path) const;

  // The analysis options for the file at `path` (absolute, normalized), with `overrides`
  // (e.g. the command line's --select/--ignore) applied after the file's own selection.
  analysis::AnalysisOptions options_for(const std::filesystem::path& path,
                                        const RuleSelection* overrides = nullptr) const;

 private:
  std::filesystem::path file_;
  std::filesystem::path root_;
  Settings settings_;
  std::vector<ConfigError> errors_;
};

using ConfigurationPtr = std::shared_ptr<const Configuration>;

// Applies one source of settings to `options` for the file at `path`: its select/ignore as a
// layer (then `overrides`), its per-file-ignores (globs relative to `root`), its severity
// overrides (most specific last) and its extended name lists (appended, without duplicates).
// Configuration::options_for() is this over the defaults; the language server applies the
// editor's settings as one more layer over the file's configuration.
void apply_settings_layer(analysis::AnalysisOptions& options, const Settings& settings,
                          const std::filesystem::path& path, const std::filesystem::path& root,
                          const RuleSelection* overrides = nullptr);

// Whether `glob` matches `relative` (a path below the configuration root, "/"-separated).
// A pattern without "/" also matches the last component alone, so "conftest.py" matches
// "tests/conftest.py".
bool matches_relative(const Glob& glob, std::string_view relative);

}  // namespace lw::server::config

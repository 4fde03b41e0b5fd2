#pragma once
// Which files `check` analyses: explicitly named paths always; inside named directories every
// file the configuration includes (`include`, default `*.py` and `*.ipynb`, and
// `extend-include`) except in well-known tool/build directories, what .gitignore files ignore
// and what the applicable configuration's `exclude` globs match. Independent of command-line
// options, so that a workspace indexer can reuse it.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "server/config/config_loader.h"

namespace lw::server::cli {

struct DiscoveredFile {
  std::filesystem::path path;  // absolute, normalized
  std::string display;         // as given or found below a given folder ("src/app.py")
  config::ConfigurationPtr config;
};

struct Discovery {
  std::vector<DiscoveredFile> files;  // sorted by display, each file once
  std::vector<std::string> errors;    // "path: No such file or directory"
};

// Directory names never descended into.
bool is_skipped_directory_name(std::string_view name);

// ruff's `force-exclude` and `respect-gitignore`.
struct DiscoveryOptions {
  // Paths named explicitly are left out too when the exclusions match them (the configured
  // `exclude` globs, matched against the path and each folder above it up to the
  // configuration's root, and the folders never descended into): pre-commit and editors pass
  // every changed file by name.
  bool force_exclude = false;
  // Folders' .gitignore files (and the repository's .git/info/exclude) leave files out.
  bool respect_gitignore = true;
};

Discovery discover_files(const std::vector<std::string>& paths, config::ConfigLoader& loader,
                         const DiscoveryOptions& options = {});

// Whether `path` (absolute, normalized), named explicitly, is excluded with `force-exclude`.
bool is_force_excluded(const std::filesystem::path& path, config::ConfigLoader& loader);

}  // namespace lw::server::cli

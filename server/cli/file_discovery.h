#pragma once
// Which files `check` analyses: explicitly named paths always; inside named directories every
// `*.py` and `*.ipynb` (ruff's default `extend-include`) except in well-known tool/build
// directories, what .gitignore files ignore and what the applicable configuration's `exclude` globs
// match. Independent of command-line options, so that a workspace indexer can reuse it.
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

Discovery discover_files(const std::vector<std::string>& paths, config::ConfigLoader& loader);

}  // namespace lw::server::cli

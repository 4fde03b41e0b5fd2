#include "server/cli/file_discovery.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <system_error>
#include <unordered_set>

#include "server/cli/gitignore.h"
#include "server/config/path_utils.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

// `.ipynb_checkpoints`: Jupyter's copies of the notebooks beside it.
constexpr std::array<std::string_view, 13> kSkippedDirectories = {".git",
                                                                  ".hg",
                                                                  ".venv",
                                                                  "venv",
                                                                  "node_modules",
                                                                  "__pycache__",
                                                                  "build",
                                                                  "dist",
                                                                  ".tox",
                                                                  ".mypy_cache",
                                                                  "site-packages",
                                                                  ".loopwarden_cache",
                                                                  ".ipynb_checkpoints"};

class Walker {
 public:
  Walker(config::ConfigLoader& loader, Discovery& out, bool respect_gitignore)
      : loader_(loader), out_(out), respect_gitignore_(respect_gitignore) {}

  // `shown` is the folder as given, the prefix of the paths displayed for its files.
  void walk_root(const fs::path& root, fs::path shown) {
    if (shown == "." || shown == "./") shown.clear();  // "./app.py" is shown as "app.py"
    GitignoreStack ignores =
        respect_gitignore_ ? GitignoreStack::for_walk_root(root) : GitignoreStack();
    walk(root, shown, ignores);
  }

 private:
  void walk(const fs::path& dir, const fs::path& shown, GitignoreStack& ignores) {
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      entries.push_back(*it);
    }
    if (ec) {
      out_.errors.push_back((shown.empty() ? "." : shown.generic_string()) + ": " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) {
                return a.path().filename() < b.path().filename();
              });
    const bool pushed = respect_gitignore_ && ignores.enter(dir);
    const config::ConfigurationPtr config = loader_.for_directory(dir);
    for (const fs::directory_entry& entry : entries) {
      const fs::path name = entry.path().filename();
      const fs::path path = dir / name;
      // Symlinked directories are not followed (no cycles); symlinked files are checked.
      const bool is_dir = entry.is_directory(ec) && !entry.is_symlink(ec);
      if (is_dir) {
        if (is_skipped_directory_name(name.string())) continue;
        if (ignores.is_ignored(path, true) || config->is_excluded(path)) continue;
        walk(path, shown / name, ignores);
      } else if (config->is_included(path) && entry.is_regular_file(ec)) {
        if (ignores.is_ignored(path, false) || config->is_excluded(path)) continue;
        out_.files.push_back(DiscoveredFile{path, (shown / name).generic_string(), config});
      }
    }
    if (pushed) ignores.leave();
  }

  config::ConfigLoader& loader_;
  Discovery& out_;
  bool respect_gitignore_ = true;
};

}  // namespace

bool is_skipped_directory_name(std::string_view name) {
  return std::find(kSkippedDirectories.begin(), kSkippedDirectories.end(), name) !=
         kSkippedDirectories.end();
}

bool is_force_excluded(const fs::path& path, config::ConfigLoader& loader) {
  const config::ConfigurationPtr config = loader.for_file(path);
  // The folders from the configuration's root (else the current folder) down to the path.
  std::error_code ec;
  const fs::path base = config->file().empty() ? fs::current_path(ec) : config->root();
  const fs::path relative = path.lexically_relative(base);
  if (relative.empty() || *relative.begin() == "..") return config->is_excluded(path);
  fs::path p = base;
  for (const fs::path& part : relative) {
    p /= part;
    if (p != path && is_skipped_directory_name(part.string())) return true;
    if (config->is_excluded(p)) return true;
  }
  return false;
}

Discovery discover_files(const std::vector<std::string>& paths, config::ConfigLoader& loader,
                         const DiscoveryOptions& options) {
  Discovery result;
  Walker walker(loader, result, options.respect_gitignore);
  for (const std::string& given : paths) {
    const fs::path shown = fs::path(given).lexically_normal();
    const fs::path path = config::normalize_path(given);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      result.errors.push_back(given + ": " +
                              (ec ? ec.message() : std::string(std::strerror(ENOENT))));
    } else if (options.force_exclude && is_force_excluded(path, loader)) {
      continue;
    } else if (fs::is_directory(status)) {
      walker.walk_root(path, shown);
    } else {
      result.files.push_back(DiscoveredFile{path, shown.generic_string(), loader.for_file(path)});
    }
  }
  // Each file once (named twice, or named and found in a folder), in a stable order.
  std::stable_sort(
      result.files.begin(), result.files.end(),
      [](const DiscoveredFile& a, const DiscoveredFile& b) { return a.display < b.display; });
  std::unordered_set<std::string> seen;
  std::erase_if(result.files,
                [&](const DiscoveredFile& f) { return !seen.insert(f.path.string()).second; });
  return result;
}

}  // namespace lw::server::cli

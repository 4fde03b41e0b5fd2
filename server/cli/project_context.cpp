#include "server/cli/project_context.h"

#include <set>
#include <string>
#include <system_error>
#include <unordered_set>

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

bool path_exists(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec);
}

std::optional<fs::path> nearest_with(const fs::path& file,
                                     std::initializer_list<std::string_view> markers) {
  for (fs::path dir = file.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    for (std::string_view marker : markers) {
      if (path_exists(dir / marker)) return dir;
    }
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<fs::path> project_root(const fs::path& file) {
  if (auto root = nearest_with(file, {"loopwarden.toml", "pyproject.toml"})) return root;
  return nearest_with(file, {".git", "setup.py", "setup.cfg"});
}

std::vector<DiscoveredFile> project_context(const std::vector<CheckInput>& inputs,
                                            config::ConfigLoader& loader) {
  std::set<fs::path> roots;
  std::unordered_set<std::string> given;
  std::unordered_set<std::string> folders;  // the root depends on the folder only
  for (const CheckInput& input : inputs) {
    given.insert(input.path.string());
    if (!folders.insert(input.path.parent_path().string()).second) continue;
    if (auto root = project_root(input.path)) roots.insert(*root);
  }
  std::error_code ec;
  const fs::path here = fs::current_path(ec);
  std::vector<DiscoveredFile> out;
  std::unordered_set<std::string> added;
  for (const fs::path& root : roots) {
    fs::path shown = ec ? root : root.lexically_relative(here);
    if (shown.empty()) shown = root;
    Discovery found = discover_files({shown.generic_string()}, loader);
    // A root is the project of the inputs its own walk finds: files it excludes (a `build/`
    // folder, what `.gitignore` ignores) are not part of that project's whole run.
    bool finds_an_input = false;
    for (const DiscoveredFile& file : found.files) {
      if (given.count(file.path.string()) != 0) {
        finds_an_input = true;
        break;
      }
    }
    if (!finds_an_input) continue;
    for (DiscoveredFile& file : found.files) {
      const std::string key = file.path.string();
      if (given.count(key) == 0 && added.insert(key).second) out.push_back(std::move(file));
    }
  }
  return out;
}

}  // namespace lw::server::cli

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
  for (const CheckInput& input : inputs) {
    given.insert(input.path.string());
    if (auto root = project_root(input.path)) roots.insert(*root);
  }
  // A root inside another root's walk is walked once.
  std::vector<std::string> paths;
  std::error_code ec;
  const fs::path here = fs::current_path(ec);
  for (const fs::path& root : roots) {
    bool nested = false;
    for (const fs::path& other : roots) {
      if (other != root && root.string().starts_with(other.string() + "/")) nested = true;
    }
    if (nested) continue;
    fs::path shown = ec ? root : root.lexically_relative(here);
    if (shown.empty()) shown = root;
    paths.push_back(shown.generic_string());
  }
  if (paths.empty()) return {};
  Discovery found = discover_files(paths, loader);
  std::vector<DiscoveredFile> out;
  for (DiscoveredFile& file : found.files) {
    if (given.count(file.path.string()) == 0) out.push_back(std::move(file));
  }
  return out;
}

}  // namespace lw::server::cli

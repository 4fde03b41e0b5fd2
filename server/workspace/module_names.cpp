#include "server/workspace/module_names.h"

#include <algorithm>
#include <system_error>
#include <vector>

namespace lw::server::workspace {

namespace fs = std::filesystem;

bool is_identifier(const std::string& s) {
  if (s.empty()) return false;
  auto ok = [](unsigned char c, bool first) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
           (!first && c >= '0' && c <= '9');
  };
  if (!ok(static_cast<unsigned char>(s[0]), true)) return false;
  return std::all_of(s.begin() + 1, s.end(),
                     [&](char c) { return ok(static_cast<unsigned char>(c), false); });
}

bool ModuleNamer::is_package_dir(const fs::path& dir) {
  auto key = dir.string();
  auto it = package_dirs_.find(key);
  if (it != package_dirs_.end()) return it->second;
  std::error_code ec;
  bool pkg = fs::is_regular_file(dir / "__init__.py", ec) && is_identifier(dir.filename().string());
  package_dirs_.emplace(std::move(key), pkg);
  return pkg;
}

analysis::index::ModuleIdentity ModuleNamer::identify(const fs::path& file,
                                                      const std::string& display) {
  analysis::index::ModuleIdentity id;
  id.path = display;
  std::string stem = file.stem().string();
  id.is_package = file.filename() == "__init__.py";
  if (file.extension() != ".py" || (!id.is_package && !is_identifier(stem))) return id;
  std::vector<std::string> parts;
  if (!id.is_package) parts.push_back(stem);
  fs::path dir = file.parent_path();
  while (!dir.empty() && is_package_dir(dir)) {
    parts.push_back(dir.filename().string());
    fs::path parent = dir.parent_path();
    if (parent == dir) break;
    dir = parent;
  }
  std::string name;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!name.empty()) name.push_back('.');
    name += *it;
  }
  id.module = std::move(name);
  return id;
}

}  // namespace lw::server::workspace

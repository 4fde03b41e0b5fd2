#include "server/cli/module_name.h"

#include <system_error>
#include <vector>

namespace lw::server::cli {
namespace {

bool is_identifier(const std::string& s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const bool ok = u >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

bool is_package_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "__init__.py", ec);
}

}  // namespace

ModuleName module_name(const std::filesystem::path& file) {
  ModuleName result;
  std::vector<std::string> parts;
  const std::string stem = file.stem().string();
  std::filesystem::path dir = file.parent_path();
  if (stem == "__init__") {
    result.is_package = true;
  } else {
    if (!is_identifier(stem)) return result;
    parts.push_back(stem);
  }
  if (result.is_package) {
    // The package itself is the folder holding __init__.py.
    const std::string name = dir.filename().string();
    if (!is_identifier(name)) return result;
    parts.push_back(name);
    dir = dir.parent_path();
  }
  while (dir.has_relative_path() && is_package_dir(dir)) {
    const std::string name = dir.filename().string();
    if (!is_identifier(name)) break;
    parts.push_back(name);
    dir = dir.parent_path();
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!result.name.empty()) result.name += '.';
    result.name += *it;
  }
  return result;
}

}  // namespace lw::server::cli

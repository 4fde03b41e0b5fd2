#include "server/config/path_utils.h"

#include <system_error>

namespace lw::server::config {

std::filesystem::path normalize_path(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  if (ec) abs = path;
  abs = abs.lexically_normal();
  // "dir/" -> "dir": a trailing separator leaves an empty file name behind.
  if (abs.has_relative_path() && !abs.has_filename()) abs = abs.parent_path();
  return abs;
}

std::string relative_below(const std::filesystem::path& path, const std::filesystem::path& base) {
  const std::filesystem::path rel = path.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return {};
  if (rel == ".") return {};
  return rel.generic_string();
}

std::string display_path(const std::filesystem::path& path) {
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (!ec && path.is_absolute()) {
    std::string rel = relative_below(path, cwd);
    if (!rel.empty()) return rel;
  }
  return path.string();
}

}  // namespace lw::server::config

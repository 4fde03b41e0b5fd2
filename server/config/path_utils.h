#pragma once
// Path helpers shared by configuration and discovery. Paths are made absolute and lexically
// normal (".." and "." resolved without touching the file system, symlinks kept).
#include <filesystem>
#include <string>

namespace lw::server::config {

std::filesystem::path normalize_path(const std::filesystem::path& path);

// `path` relative to `base` with "/" separators, or empty when `path` is not below `base`.
std::string relative_below(const std::filesystem::path& path, const std::filesystem::path& base);

// How a path is shown to the user: relative to the working directory when below it,
// otherwise as given.
std::string display_path(const std::filesystem::path& path);

}  // namespace lw::server::config

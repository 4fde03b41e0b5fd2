#pragma once
// Reads a whole file into memory, with an error message fit for the user on failure.
#include <filesystem>
#include <string>

namespace lw::server::config {

struct FileContents {
  std::string bytes;
  std::string error;  // empty on success: "No such file or directory", "Is a directory", ...
  bool ok() const { return error.empty(); }
};

FileContents read_file(const std::filesystem::path& path);

}  // namespace lw::server::config

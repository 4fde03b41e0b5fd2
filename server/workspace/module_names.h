#pragma once
// Which module a Python file is. The source root of a file is the nearest folder above it
// that is not a package (has no __init__.py, or is not an importable name), which also
// covers `src/` layouts and checking a package folder directly. The module name is the
// file's path below that root, dotted; `pkg/__init__.py` is the package `pkg`.
// Caches one answer per folder; not thread-safe (name files before going parallel).
#include <filesystem>
#include <string>
#include <unordered_map>

#include "analysis/index/summary.h"

namespace lw::server::workspace {

class ModuleNamer {
 public:
  // `file` should be absolute; `display` is how the file is named in output.
  analysis::index::ModuleIdentity identify(const std::filesystem::path& file,
                                           const std::string& display);

 private:
  bool is_package_dir(const std::filesystem::path& dir);
  std::unordered_map<std::string, bool> package_dirs_;
};

// True for names Python can import (`my_mod`, not `my-mod` or `1st`).
bool is_identifier(const std::string& s);

}  // namespace lw::server::workspace

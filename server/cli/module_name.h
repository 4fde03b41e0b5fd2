#pragma once
// The dotted Python module name of a file, from the packages around it: the parent folders
// holding an __init__.py (as ruff and Python's import system see a regular package).
// "pkg/sub/mod.py" with pkg/ and pkg/sub/ packages -> "pkg.sub.mod"; "pkg/__init__.py" ->
// "pkg" (a package); a file outside any package -> its stem.
#include <filesystem>
#include <string>

namespace lw::server::cli {

struct ModuleName {
  std::string name;  // empty when the file name is not an importable identifier
  bool is_package = false;
};

ModuleName module_name(const std::filesystem::path& file);

}  // namespace lw::server::cli

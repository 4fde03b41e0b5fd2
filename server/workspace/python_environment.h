#pragma once
// The project's Python environment: where its third-party libraries are installed, found as
// pyright does, and which installed module an import names (with its distribution and
// version). `check` and the language server summarise the library modules the workspace
// imports (index/summary.h, ModuleIdentity::library) so that findings follow calls into them.
//
// Search order: the `python` setting (an interpreter or a virtual environment folder; the
// `LOOPWARDEN_PYTHON` variable over it, `none` for no environment), `VIRTUAL_ENV`, a `.venv` /
// `venv` folder at the project root, the interpreter on PATH (`python3`, `python`; asked once
// for `sys.path` with a time limit, its answer cached), else the system's `dist-packages`.
// Only the `site-packages` / `dist-packages` folders of the interpreter count (the standard
// library is the catalogs' business), after `extra-paths`.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lw::server::workspace {

struct EnvironmentSettings {
  std::optional<std::filesystem::path> python;     // absolute; "none" turns libraries off
  std::vector<std::filesystem::path> extra_paths;  // absolute
  std::vector<std::string> exclude_libraries;      // distribution or top-level module names; "*"
};

// An installed distribution: its normalised name (PEP 503: lower case, `-`) and version.
struct Distribution {
  std::string name;
  std::string version;
  std::string label() const { return version.empty() ? name : name + " " + version; }
};

struct LibraryModule {
  std::string module;          // "slack_sdk.web.client"
  std::filesystem::path path;  // the installed file
  bool is_package = false;     // an __init__.py
  Distribution distribution;   // "" version when no metadata names the folder
};

class PythonEnvironment {
 public:
  PythonEnvironment() = default;  // no environment: no library is ever found

  // Finds the environment of the project at `root`. `cache_dir` (may be empty) keeps the
  // interpreter's answer between runs.
  static PythonEnvironment discover(const EnvironmentSettings& settings,
                                    const std::filesystem::path& root,
                                    const std::filesystem::path& cache_dir);

  // The import roots searched, in order.
  const std::vector<std::filesystem::path>& roots() const { return roots_; }
  // Where the environment came from ("VIRTUAL_ENV=/x", ".venv", "python3 on PATH", ...).
  const std::string& source() const { return source_; }

  // The installed module `module` names, if any (a `.py` file or a package's `__init__.py`;
  // extension modules and excluded distributions are not libraries). Thread-safe, memoised.
  std::optional<LibraryModule> find(std::string_view module) const;

  PythonEnvironment(PythonEnvironment&& other) noexcept;
  PythonEnvironment& operator=(PythonEnvironment&& other) noexcept;

 private:
  struct Root {
    std::filesystem::path path;
    // Top-level module or package name -> its distribution (from *.dist-info / *.egg-info).
    std::unordered_map<std::string, Distribution> distributions;
  };
  std::vector<std::filesystem::path> roots_;
  std::vector<Root> indexed_;
  std::vector<std::string> excluded_;
  std::string source_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::optional<LibraryModule>> found_;
};

// PEP 503's normalised distribution name ("Slack_SDK" -> "slack-sdk").
std::string normalize_distribution(std::string_view name);

// The `site-packages` / `dist-packages` folders of `sys.path` as the interpreter reports it
// (runs it with a time limit; empty on failure).
std::vector<std::filesystem::path> ask_interpreter(const std::filesystem::path& python);

}  // namespace lw::server::workspace

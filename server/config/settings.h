#pragma once
// The validated contents of one configuration source (loopwarden.toml, [tool.loopwarden] of a
// pyproject.toml). Rule selectors are codes or prefixes ("LW102", "LW1", "LW"), already checked
// against the rule catalog; globs are relative to the configuration file's directory.
#include <optional>
#include <string>
#include <vector>

#include "analysis/diagnostics/severity.h"
#include "server/config/glob.h"

namespace lw::server::config {

struct SeverityOverride {
  std::string selector;  // code or prefix
  analysis::Severity severity = analysis::Severity::Warning;
};

struct PerFileIgnore {
  Glob pattern;
  std::vector<std::string> selectors;
};

struct Settings {
  std::optional<std::vector<std::string>> select;   // nullopt: every rule
  std::vector<std::string> extend_select;           // added to the selection (ruff's meaning)
  std::vector<std::string> ignore;                  // `ignore` and `extend-ignore`
  std::vector<std::string> extend_blocking_calls;   // qualified names, reported as LW108
  std::vector<std::string> extend_async_functions;  // qualified names of coroutine functions
  std::vector<Glob> exclude;                        // `exclude` and `extend-exclude`
  // Which files of a folder are checked (ruff's `include` / `extend-include`): `include`
  // replaces the default (`*.py`, `*.ipynb`), `extend-include` adds to it.
  std::optional<std::vector<Glob>> include;
  std::vector<Glob> extend_include;
  std::vector<SeverityOverride> severity;
  std::vector<PerFileIgnore> per_file_ignores;

  // Settings of the run rather than of a file (ruff's meaning): `check` takes them from the
  // configuration of the current folder, under the command line's own options.
  std::optional<std::string> output_format;
  std::optional<bool> fix;
  std::optional<bool> unsafe_fixes;
  std::optional<bool> show_fixes;
  std::optional<analysis::Severity> fail_level;
  std::optional<std::string> cache_dir;  // relative to the configuration file's folder
  // The project's environment (server/workspace/python_environment.h): `python` (an
  // interpreter or a virtual environment folder, relative to the configuration file's folder,
  // or "none"), `extra-paths` (more import roots, relative likewise), `exclude-libraries`
  // (distributions or top-level modules never summarised; "*": none).
  std::optional<std::string> python;
  std::vector<std::string> extra_paths;
  std::vector<std::string> exclude_libraries;
  std::optional<int> library_depth;  // LW109's library frames (AnalysisOptions)
  // ruff's `fixable` (replaces "every rule"), `extend-fixable`, `unfixable` (wins).
  std::optional<std::vector<std::string>> fixable;
  std::vector<std::string> extend_fixable;
  std::vector<std::string> unfixable;
  std::optional<bool> force_exclude;      // exclusions apply to paths named explicitly too
  std::optional<bool> respect_gitignore;  // .gitignore files leave files out (default true)
  // `target-version = "py38"` (the minor version: 8), else the lower bound of a
  // pyproject.toml's `[project] requires-python` (AnalysisOptions::target_minor).
  std::optional<int> target_version;
  bool target_from_requires_python = false;  // where target_version came from (--show-settings)
  // `extend`: the configuration file this one inherits from (relative to this file's folder),
  // as written; after loading, `extended` lists the inherited files, nearest first.
  std::optional<std::string> extend;
  std::vector<std::string> extended;
};

}  // namespace lw::server::config

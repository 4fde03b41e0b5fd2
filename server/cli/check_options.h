#pragma once
// The options of `loopwarden check`, as parsed from the command line (server/main.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/severity.h"

namespace lw::server::cli {

// ruff's `--output-format` values. `text` (the first wave's name) is `concise`.
enum class OutputFormat {
  Full,
  Concise,
  Grouped,
  Json,
  JsonLines,
  Junit,
  Gitlab,
  Pylint,
  Rdjson,
  Azure,
  Sarif,
  Github,
};

std::optional<OutputFormat> parse_output_format(std::string_view name);
// Every accepted name, for the command line's choices.
std::vector<std::string> output_format_names();
// full, concise and grouped: the formats for people, with a summary and colours.
bool is_human_format(OutputFormat format);

struct CheckOptions {
  std::vector<std::string> paths;  // empty: "."
  OutputFormat output_format = OutputFormat::Full;
  std::optional<std::vector<std::string>> select;  // replaces the configured selection
  std::vector<std::string> extend_select;          // added to the selection
  std::vector<std::string> ignore;                 // added to the configured ignores
  std::optional<std::string> config_file;
  std::vector<std::string> config_overrides;  // `--config KEY=VALUE`: TOML over every file's
  // `--exclude` (replaces the configured globs) and `--extend-exclude` (adds to them).
  std::optional<std::vector<std::string>> exclude;
  std::vector<std::string> extend_exclude;
  bool force_exclude = false;     // --force-exclude: exclusions apply to named paths too
  bool respect_gitignore = true;  // --no-respect-gitignore: .gitignore files do not count
  // `--fixable`, `--extend-fixable`, `--unfixable`: settings over every configuration.
  std::optional<std::vector<std::string>> fixable;
  std::vector<std::string> extend_fixable;
  std::vector<std::string> unfixable;
  // The rules whose fixes --fix applies: the current folder's configuration under the above.
  analysis::RuleSet fixable_rules = analysis::RuleSet::all();
  std::optional<std::string> cache_dir;
  std::optional<std::string> stdin_filename;
  std::optional<std::string> output_file;  // -o: write the report there instead of stdout
  unsigned threads = 0;                    // 0: one per core
  bool fix = false;
  bool unsafe_fixes = false;
  bool diff = false;
  bool show_fixes = false;  // list the fixes applied after the report
  bool fix_only = false;    // --fix-only: fix, report nothing left, exit 0 (unless errors)
  bool add_noqa = false;    // append `# noqa: CODES` to every line with a finding
  bool show_files = false;  // print the files that would be checked, and stop
  bool exit_non_zero_on_fix = false;
  bool statistics = false;
  bool exit_zero = false;
  // The lowest severity that makes the exit status 1 (`--fail-level`; Hint: any diagnostic).
  analysis::Severity fail_level = analysis::Severity::Hint;
  bool no_cache = false;
  bool no_prefilter = false;   // hidden: analyse every file (tests, benchmarks)
  bool quiet = false;          // -q: diagnostics only, no summary
  bool silent = false;         // -s: nothing on stdout (the exit status tells)
  bool verbose = false;        // -v: timings of the phases on stderr
  bool show_settings = false;  // print the resolved settings of the first file, and stop
  bool watch = false;          // re-run whenever a checked file or a configuration changes
  // Which of the run's settings the command line gave (the others come from the
  // configuration of the current folder: output-format, fix, unsafe-fixes, show-fixes,
  // fail-level, cache-dir).
  struct Given {
    bool output_format = false;
    bool fix = false;  // --fix or --no-fix
    bool unsafe_fixes = false;
    bool show_fixes = false;
    bool fail_level = false;
    bool force_exclude = false;
    bool respect_gitignore = false;
  } given;
  // Filled by main(): whether standard output is a terminal (colours, `full`'s line width).
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;  // the progress line (runs over a second)
  std::optional<unsigned> terminal_width;
};

}  // namespace lw::server::cli

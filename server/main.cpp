// loopwarden's command line: `check`, `server` (also `--stdio`), `rule CODE`, `rules`,
// `--version`. Parsing only; the commands live in server/cli/ and server/lsp/.

// GCC 12 reports a false "potential null pointer dereference" inside std::string code inlined
// from CLI11's headers; it is not about this file's code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wnull-dereference"
#endif

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>

#include "server/cli/check_command.h"
#include "server/cli/exit_status.h"
#include "server/cli/rule_command.h"
#include "server/cli/terminal.h"
#include "server/cli/watch.h"
#include "server/config/settings_parser.h"
#include "server/lsp/language_server.h"
#include "server/version.h"

namespace {

namespace cli = lw::server::cli;

void add_check_options(CLI::App& check, cli::CheckOptions& options, std::string& format,
                       std::vector<std::string>& select, std::string& fail_level,
                       std::vector<std::string>& config, std::vector<std::string>& exclude,
                       std::vector<std::string>& fixable, std::string& target_version) {
  check.add_option("paths", options.paths, "Files or folders to check (default: .)");
  check
      .add_option("--output-format", format,
                  "Output format: full (default), concise, grouped, json, json-lines, junit, "
                  "gitlab, pylint, rdjson, azure, sarif, github")
      ->check(CLI::IsMember(cli::output_format_names()));
  check
      .add_option("--select", select,
                  "Rule codes or prefixes to enable (replaces the configured "
                  "selection)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->take_all();
  check
      .add_option("--ignore", options.ignore,
                  "Rule codes or prefixes to disable (added to the configured ignores)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->take_all();
  check
      .add_option("--extend-select", options.extend_select,
                  "Rule codes or prefixes to enable in addition to the selection")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->take_all();
  check
      .add_option("--extend-ignore", options.ignore,
                  "Rule codes or prefixes to disable (as --ignore)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->take_all();
  check.add_flag("--fix,!--no-fix", options.fix, "Apply safe fixes in place (--no-fix: do not)");
  check.add_flag("--unsafe-fixes,!--no-unsafe-fixes", options.unsafe_fixes,
                 "Include unsafe fixes (--no-unsafe-fixes: do not)");
  check.add_flag("--fix-only", options.fix_only,
                 "Apply fixes, but do not report or exit non-zero for what is left");
  check.add_flag("--show-fixes,!--no-show-fixes", options.show_fixes,
                 "List the fixes applied, per file and rule");
  check.add_flag("--exit-non-zero-on-fix", options.exit_non_zero_on_fix,
                 "Exit with 1 when fixes were applied, even if nothing is left");
  check.add_flag("--add-noqa", options.add_noqa,
                 "Append `# noqa: CODES` to every line with a diagnostic (merging)");
  check.add_option("--output-file,-o", options.output_file, "Write the report to this file");
  check
      .add_option("--fail-level", fail_level,
                  "Lowest severity that makes the exit status 1: information (default), "
                  "warning or error")
      ->check(CLI::IsMember({"information", "warning", "error"}));
  std::vector<std::string> targets;
  for (int minor = lw::server::config::kOldestTargetMinor;
       minor <= lw::server::config::kNewestTargetMinor; ++minor) {
    targets.push_back("py3" + std::to_string(minor));
  }
  check
      .add_option("--target-version", target_version,
                  "Oldest Python the code runs on (py37..py314): fixes and suggestions use no "
                  "newer asyncio API (default: `target-version`, else `requires-python`)")
      ->check(CLI::IsMember(targets));
  check
      .add_option("--exclude", exclude,
                  "Globs of files and folders to leave out (replaces the configured `exclude`)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->take_all();
  check
      .add_option("--extend-exclude", options.extend_exclude,
                  "Globs of files and folders to leave out, besides the configured ones")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->take_all();
  for (auto [name, help] : {std::pair{"--fixable",
                                      "Rule codes or prefixes whose fixes may be "
                                      "applied (replaces every rule)"},
                            std::pair{"--extend-fixable",
                                      "Rule codes or prefixes whose fixes may "
                                      "be applied, besides"},
                            std::pair{"--unfixable",
                                      "Rule codes or prefixes whose fixes are "
                                      "never applied"}}) {
    std::vector<std::string>& target = std::string_view(name) == "--fixable" ? fixable
                                       : std::string_view(name) == "--extend-fixable"
                                           ? options.extend_fixable
                                           : options.unfixable;
    check.add_option(name, target, help)->delimiter(',')->allow_extra_args(false)->take_all();
  }
  check.add_flag("--force-exclude,!--no-force-exclude", options.force_exclude,
                 "Apply the exclusions to paths named on the command line too");
  check.add_flag("--respect-gitignore,!--no-respect-gitignore", options.respect_gitignore,
                 "Leave out files that .gitignore files ignore (default)");
  check.add_option("--cache-dir", options.cache_dir,
                   "Folder of the results cache (default: .loopwarden_cache/ at the project)");
  check.add_flag("--show-files", options.show_files, "Print the files that would be checked");
  check.add_flag("--show-settings", options.show_settings,
                 "Print the resolved settings of the first file that would be checked");
  check.add_flag("--silent,-s", options.silent, "Print nothing (the exit status still tells)");
  check.add_flag("--verbose,-v", options.verbose, "Timings of each phase on standard error");
  check.add_flag("--watch,-w", options.watch,
                 "Check again whenever a Python or configuration file changes (inotify)");
  check.add_flag("--diff", options.diff, "Print the fixes as a unified diff, change nothing");
  check.add_flag("--statistics", options.statistics, "Count diagnostics per rule");
  check.add_option("--config", config,
                   "Configuration file to use instead of discovering one, or KEY=VALUE: a TOML "
                   "setting over every configuration (repeatable)");
  check.add_option("--stdin-filename", options.stdin_filename,
                   "Read the source from standard input, reported under this name");
  check.add_option("--threads", options.threads, "Files analysed in parallel (default: all cores)")
      ->check(CLI::Range(1U, 1024U));
  check.add_flag("--exit-zero", options.exit_zero,
                 "Exit with 0 even when diagnostics are reported");
  check.add_flag("--no-cache", options.no_cache,
                 "Do not read or write the results cache (.loopwarden_cache/)");
  // Hidden: analyse every file, for tests and benchmarks (the output is the same).
  check.add_flag("--no-prefilter", options.no_prefilter, "")->group("");
  check.add_flag("--quiet,-q", options.quiet, "Print diagnostics only, no summary");
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"loopwarden: finds async-correctness problems in Python code", "loopwarden"};
  app.set_version_flag("--version", "loopwarden " + std::string(lw::server::version_text()));
  app.require_subcommand(0, 1);
  bool stdio = false;
  app.add_flag("--stdio", stdio, "Run the language server on stdin/stdout (as `server`)");

  cli::CheckOptions check_options;
  std::string check_format = "full";
  std::vector<std::string> check_select;
  std::string check_fail_level = "information";
  std::vector<std::string> check_config;
  std::vector<std::string> check_exclude;
  std::vector<std::string> check_fixable;
  std::string check_target_version;
  CLI::App* check = app.add_subcommand("check", "Check Python files and folders");
  add_check_options(*check, check_options, check_format, check_select, check_fail_level,
                    check_config, check_exclude, check_fixable, check_target_version);

  lw::server::ServerOptions server_options;
  CLI::App* server = app.add_subcommand("server", "Run the language server on stdin/stdout");
  server->add_option("--log-file", server_options.log_file, "Write the log to this file");
  server->add_option("--log-level", server_options.log_level, "Log level")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  bool ignored_stdio = false;
  server
      ->add_option("--debounce-ms", server_options.debounce_ms,
                   "Milliseconds to wait after an edit before analysing (default 50)")
      ->check(CLI::Range(0, 10000));
  server->add_flag("--stdio", ignored_stdio, "Accepted for LSP clients; stdio is the default");

  std::string rule_code;
  CLI::App* rule = app.add_subcommand("rule", "Explain one rule");
  rule->add_option("code", rule_code, "Rule code, e.g. LW102")->required();

  std::string rules_format = "text";
  CLI::App* rules = app.add_subcommand("rules", "List every rule");
  rules->add_option("--output-format", rules_format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "loopwarden: error: " << one_line(e.what()) << " (see --help)\n";
    return cli::kExitError;
  }

  if (check->parsed()) {
    check_options.output_format = *cli::parse_output_format(check_format);  // IsMember-checked
    if (!check->get_option("--select")->empty()) check_options.select = check_select;
    cli::CheckOptions::Given& given = check_options.given;
    given.output_format = check->count("--output-format") > 0;
    given.fix = check->count("--fix") + check->count("--no-fix") > 0;
    given.unsafe_fixes = check->count("--unsafe-fixes") + check->count("--no-unsafe-fixes") > 0;
    given.show_fixes = check->count("--show-fixes") + check->count("--no-show-fixes") > 0;
    given.fail_level = check->count("--fail-level") > 0;
    given.force_exclude = check->count("--force-exclude") + check->count("--no-force-exclude") > 0;
    given.respect_gitignore =
        check->count("--respect-gitignore") + check->count("--no-respect-gitignore") > 0;
    if (!check->get_option("--exclude")->empty()) check_options.exclude = check_exclude;
    if (!check->get_option("--fixable")->empty()) check_options.fixable = check_fixable;
    check_options.fail_level = check_fail_level == "information"
                                   ? lw::analysis::Severity::Hint
                                   : *lw::analysis::parse_severity(check_fail_level);
    if (check_options.fix_only) check_options.fix = given.fix = true;
    // `--config`: KEY=VALUE is a setting (a TOML line), anything else a file (ruff's rule: a
    // value naming an existing file is a file).
    for (std::string& value : check_config) {
      std::error_code ec;
      if (value.find('=') != std::string::npos && !std::filesystem::is_regular_file(value, ec)) {
        check_options.config_overrides.push_back(std::move(value));
      } else if (check_options.config_file) {
        std::cerr << "loopwarden: error: --config names more than one configuration file\n";
        return cli::kExitError;
      } else {
        check_options.config_file = std::move(value);
      }
    }
    // `--target-version` is a setting over every configuration, as `--config KEY=VALUE`.
    if (!check_target_version.empty()) {
      check_options.config_overrides.push_back("target-version = \"" + check_target_version + "\"");
    }
    check_options.stdout_is_terminal = cli::is_terminal(1);
    check_options.stderr_is_terminal = cli::is_terminal(2);
    check_options.terminal_width = cli::output_width(1, cli::process_environment());
    std::ios::sync_with_stdio(false);  // `check` only: the server owns stdio its own way
    if (check_options.watch) {
      if (check_options.stdin_filename || check_options.add_noqa ||
          (check_options.paths.size() == 1 && check_options.paths.front() == "-")) {
        std::cerr << "loopwarden: error: --watch cannot read standard input nor add noqa "
                     "comments\n";
        return cli::kExitError;
      }
      return cli::run_watch(check_options, std::cout, std::cerr);
    }
    return cli::run_check(check_options, std::cin, std::cout, std::cerr);
  }
  if (server->parsed() || (stdio && app.get_subcommands().empty())) {
    server_options.adaptive_debounce = server->count("--debounce-ms") == 0;
    return lw::server::run_language_server(server_options);
  }
  if (rule->parsed()) return cli::run_rule(rule_code, std::cout, std::cerr);
  if (rules->parsed()) {
    return cli::run_rules(rules_format == "json" ? cli::ListFormat::Json : cli::ListFormat::Text,
                          std::cout);
  }
  std::cerr << "loopwarden: error: a command is required: check, server, rule or rules "
               "(see --help)\n";
  return cli::kExitError;
}

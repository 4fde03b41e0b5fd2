#include "server/cli/check_command.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "server/cli/check_pipeline.h"
#include "server/cli/emitters.h"
#include "server/cli/exit_status.h"
#include "server/cli/file_discovery.h"
#include "server/cli/fix_stage.h"
#include "server/cli/parallel_for.h"
#include "server/cli/project_context.h"
#include "server/cli/result_cache.h"
#include "server/config/config_loader.h"
#include "server/config/path_utils.h"
#include "server/config/settings_parser.h"
#include "server/workspace/module_names.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kErrorPrefix = "loopwarden: error: ";

std::string read_all(std::istream& in) {
  std::string bytes;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  return bytes;
}

// Usage problems found before any work: returns the message, or nullopt.
std::optional<std::string> usage_problem(const CheckOptions& options) {
  auto bad_selector = [](const std::vector<std::string>& selectors) -> std::optional<std::string> {
    for (const std::string& s : selectors) {
      if (!config::is_valid_rule_selector(s)) return s;
    }
    return std::nullopt;
  };
  if (options.select) {
    if (auto bad = bad_selector(*options.select)) {
      return "unknown rule code or prefix `" + *bad + "` in --select";
    }
  }
  if (auto bad = bad_selector(options.ignore)) {
    return "unknown rule code or prefix `" + *bad + "` in --ignore";
  }
  if (options.stdin_filename && !options.paths.empty() &&
      !(options.paths.size() == 1 && options.paths.front() == "-")) {
    return std::string("--stdin-filename reads the source from standard input: give no paths");
  }
  if (options.config_file) {
    std::error_code ec;
    if (!fs::is_regular_file(*options.config_file, ec)) {
      return "configuration file `" + *options.config_file + "` not found";
    }
  }
  return std::nullopt;
}

void write_output(std::span<const OutputDiagnostic> diagnostics,
                  std::span<const std::string> errors, const CheckOptions& options,
                  std::optional<std::size_t> fixed, std::ostream& out) {
  if (options.statistics) {
    write_statistics(diagnostics, out, options.output_format == OutputFormat::Json,
                     options.unsafe_fixes);
    return;
  }
  switch (options.output_format) {
    case OutputFormat::Text:
      write_text(diagnostics, out,
                 TextOutputOptions{.show_summary = !options.quiet,
                                   .unsafe_fixes = options.unsafe_fixes,
                                   .had_errors = !errors.empty(),
                                   .fixed = fixed});
      break;
    case OutputFormat::Json:
      write_json(diagnostics, out);
      break;
    case OutputFormat::Sarif:
      write_sarif(diagnostics, out, errors);
      break;
    case OutputFormat::Github:
      write_github(diagnostics, out);
      break;
  }
}

}  // namespace

int run_check(const CheckOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (auto problem = usage_problem(options)) {
    err << kErrorPrefix << *problem << '\n';
    return kExitError;
  }
  config::ConfigLoader loader(options.config_file ? std::optional<fs::path>(*options.config_file)
                                                  : std::nullopt);
  // An explicit configuration is loaded up front: its errors count even when no file is found.
  if (options.config_file) loader.for_directory(fs::current_path());
  std::vector<std::string> errors;  // I/O problems, reported in a stable order
  std::vector<CheckInput> inputs;
  workspace::ModuleNamer namer;  // not thread-safe: every file is named here, before the passes
  const bool from_stdin =
      options.stdin_filename || (options.paths.size() == 1 && options.paths.front() == "-");
  if (from_stdin) {
    const std::string name = options.stdin_filename.value_or("-");
    const std::string display = fs::path(name).lexically_normal().generic_string();
    const fs::path path = config::normalize_path(name);
    inputs.push_back(CheckInput{display, path, loader.for_file(path), namer.identify(path, display),
                                read_all(in)});
  } else {
    const std::vector<std::string> paths =
        options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
    Discovery discovery = discover_files(paths, loader);
    errors = std::move(discovery.errors);
    for (DiscoveredFile& file : discovery.files) {
      analysis::index::ModuleIdentity identity = namer.identify(file.path, file.display);
      inputs.push_back(CheckInput{std::move(file.display), std::move(file.path),
                                  std::move(file.config), std::move(identity), std::nullopt});
    }
  }
  // A partial run sees the rest of its project (not with --fix / --diff: only the inputs
  // are fixed, against an index of the inputs).
  if (!options.fix && !options.diff) {
    for (DiscoveredFile& file : project_context(inputs, loader)) {
      analysis::index::ModuleIdentity identity = namer.identify(file.path, file.display);
      CheckInput input{std::move(file.display), std::move(file.path), std::move(file.config),
                       std::move(identity), std::nullopt};
      input.context = true;
      inputs.push_back(std::move(input));
    }
    // One order for any run (the cache's module digests see the inputs in this order).
    std::stable_sort(inputs.begin(), inputs.end(), [](const CheckInput& a, const CheckInput& b) {
      return a.display < b.display;
    });
  }
  bool config_failed = false;
  for (const config::ConfigurationPtr& config : loader.loaded_configurations()) {
    for (const config::ConfigError& e : config->errors()) {
      err << kErrorPrefix << e.to_string() << '\n';
      config_failed = true;
    }
  }
  if (config_failed) return kExitError;

  const config::RuleSelection overrides{options.select, options.ignore};
  // The results cache (server/cli/result_cache.h); standard input is never cached.
  std::optional<ResultCache> cache;
  if (!options.no_cache && !from_stdin) cache = ResultCache::open(ResultCache::default_directory());
  const unsigned threads = options.threads > 0 ? options.threads : default_thread_count();
  const PipelineOptions pipeline{.prefilter = !options.no_prefilter,
                                 .cache = cache ? &*cache : nullptr};
  std::vector<CheckOutcome> outcomes;
  std::optional<std::size_t> fixed;  // set with --fix: the summary counts fixed and remaining
  std::optional<std::string> stdin_output;
  if (options.fix || options.diff) {
    FixRun run = run_fixes(options, inputs, overrides, threads, pipeline, from_stdin, out, err);
    if (run.exit_status) {  // --diff: the diff is the output
      for (const std::string& e : errors) err << kErrorPrefix << e << '\n';
      return errors.empty() ? *run.exit_status : kExitError;
    }
    outcomes = std::move(run.outcomes);
    errors.insert(errors.end(), run.errors.begin(), run.errors.end());
    fixed = run.fixed;
    stdin_output = std::move(run.stdin_output);
  } else {
    outcomes = check_files(inputs, overrides, threads, pipeline);
  }

  std::vector<OutputDiagnostic> diagnostics;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].context) continue;
    // An unreadable file is an LW003 diagnostic (in `diagnostics`), not a run error.
    if (!outcomes[i].error.empty() && !outcomes[i].unreadable) {
      errors.push_back(inputs[i].display + ": " + outcomes[i].error);
    }
    std::move(outcomes[i].diagnostics.begin(), outcomes[i].diagnostics.end(),
              std::back_inserter(diagnostics));
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(), output_order);

  for (const std::string& e : errors) err << kErrorPrefix << e << '\n';
  err.flush();
  std::ostringstream buffer;
  write_output(diagnostics, errors, options, fixed, buffer);
  if (stdin_output) {
    // `--fix` on standard input (as ruff does): the fixed source on stdout, the report on stderr.
    out << *stdin_output;
    out.flush();
    err << buffer.str();
    err.flush();
  } else {
    out << buffer.str();
    out.flush();
  }

  if (!errors.empty()) return kExitError;
  if (!diagnostics.empty() && !options.exit_zero) return kExitDiagnostics;
  return kExitClean;
}

}  // namespace lw::server::cli

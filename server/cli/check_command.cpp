#include "server/cli/check_command.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/engine.h"
#include "server/cli/emitters.h"
#include "server/cli/exit_status.h"
#include "server/cli/file_discovery.h"
#include "server/cli/parallel_for.h"
#include "server/cli/source_text.h"
#include "server/config/config_loader.h"
#include "server/config/path_utils.h"
#include "server/config/read_file.h"
#include "server/config/settings_parser.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kErrorPrefix = "loopwarden: error: ";

struct Input {
  std::string display;
  fs::path path;  // absolute; for stdin the path given by --stdin-filename
  config::ConfigurationPtr config;
  std::optional<std::string> bytes;  // already read (stdin)
};

struct Outcome {
  std::vector<OutputDiagnostic> diagnostics;
  std::string error;  // the file could not be read, decoded or analysed
};

std::string read_all(std::istream& in) {
  std::string bytes;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  return bytes;
}

std::optional<OtherFile> read_other_file(const std::string& path) {
  config::FileContents contents = config::read_file(path);
  if (!contents.ok()) return std::nullopt;
  SourceText source = decode_source(std::move(contents.bytes));
  if (!source.ok()) return std::nullopt;
  return OtherFile{std::move(source.text), config::display_path(config::normalize_path(path))};
}

Outcome check_one(const Input& input, const config::RuleSelection& overrides) {
  Outcome outcome;
  try {
    config::FileContents contents;
    if (input.bytes) {
      contents.bytes = *input.bytes;
    } else {
      contents = config::read_file(input.path);
    }
    if (!contents.ok()) {
      outcome.error = contents.error;
      return outcome;
    }
    SourceText source = decode_source(std::move(contents.bytes));
    if (!source.ok()) {
      outcome.error = source.error;
      return outcome;
    }
    const analysis::AnalysisOptions options = input.config->options_for(input.path, &overrides);
    const analysis::Document document(std::move(source.text));
    const std::vector<analysis::Diagnostic> diagnostics = analysis::analyze(document, options);
    outcome.diagnostics = to_output(input.display, document.text(), diagnostics, read_other_file);
  } catch (const std::exception& e) {
    outcome.error = std::string("internal error: ") + e.what();
  } catch (...) {
    outcome.error = "internal error";
  }
  return outcome;
}

// Usage problems found before any work: returns the message, or nullopt.
std::optional<std::string> usage_problem(const CheckOptions& options) {
  if (options.fix || options.diff) {
    return std::string(options.fix ? "--fix" : "--diff") +
           " is not implemented yet: fixes are shown in the output but cannot be applied by the "
           "command line yet; nothing was changed";
  }
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
                  std::ostream& out) {
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
                                   .had_errors = !errors.empty()});
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
  std::vector<Input> inputs;
  const bool from_stdin =
      options.stdin_filename || (options.paths.size() == 1 && options.paths.front() == "-");
  if (from_stdin) {
    const std::string name = options.stdin_filename.value_or("-");
    const fs::path path = config::normalize_path(name);
    std::string bytes = read_all(in);
    inputs.push_back(Input{fs::path(name).lexically_normal().generic_string(), path,
                           loader.for_file(path), std::move(bytes)});
  } else {
    const std::vector<std::string> paths =
        options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
    Discovery discovery = discover_files(paths, loader);
    errors = std::move(discovery.errors);
    for (DiscoveredFile& file : discovery.files) {
      inputs.push_back(Input{std::move(file.display), std::move(file.path), std::move(file.config),
                             std::nullopt});
    }
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
  std::vector<Outcome> outcomes(inputs.size());
  parallel_for(inputs.size(), options.threads > 0 ? options.threads : default_thread_count(),
               [&](std::size_t i) { outcomes[i] = check_one(inputs[i], overrides); });

  std::vector<OutputDiagnostic> diagnostics;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!outcomes[i].error.empty()) errors.push_back(inputs[i].display + ": " + outcomes[i].error);
    std::move(outcomes[i].diagnostics.begin(), outcomes[i].diagnostics.end(),
              std::back_inserter(diagnostics));
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(), output_order);

  for (const std::string& e : errors) err << kErrorPrefix << e << '\n';
  err.flush();
  std::ostringstream buffer;
  write_output(diagnostics, errors, options, buffer);
  out << buffer.str();
  out.flush();

  if (!errors.empty()) return kExitError;
  if (!diagnostics.empty() && !options.exit_zero) return kExitDiagnostics;
  return kExitClean;
}

}  // namespace lw::server::cli

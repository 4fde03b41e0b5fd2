#include "server/cli/check_command.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "server/cli/add_noqa.h"
#include "server/cli/atomic_write.h"
#include "server/cli/check_pipeline.h"
#include "server/cli/emitters.h"
#include "server/cli/exit_status.h"
#include "server/cli/file_discovery.h"
#include "server/cli/fix_stage.h"
#include "server/cli/notebook_rows.h"
#include "server/cli/parallel_for.h"
#include "server/cli/pipeline_metrics.h"
#include "server/cli/progress_line.h"
#include "server/cli/project_context.h"
#include "server/cli/result_cache.h"
#include "server/cli/show_settings.h"
#include "server/cli/source_text.h"
#include "server/cli/terminal.h"
#include "server/config/config_loader.h"
#include "server/config/path_utils.h"
#include "server/config/settings_parser.h"
#include "server/workspace/environment_settings.h"
#include "server/workspace/library_cache.h"
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
  if (auto bad = bad_selector(options.extend_select)) {
    return "unknown rule code or prefix `" + *bad + "` in --extend-select";
  }
  if (options.add_noqa && (options.fix || options.diff || options.stdin_filename)) {
    return std::string("--add-noqa cannot be combined with --fix, --diff or --stdin-filename");
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

// A TOML array of basic strings.
std::string toml_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items) {
    if (out.size() > 1) out += ", ";
    out += '"';
    for (char c : item) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "]";
}

// A name as ruff prints it: relative to the current folder when it is inside it.
std::string relative_to_cwd(const std::string& name, const fs::path& cwd) {
  const fs::path path(name);
  if (!path.is_absolute() || cwd.empty()) return name;
  const fs::path relative = path.lexically_normal().lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return name;
  return relative.generic_string();
}

// The source lines `full` quotes: the text held in memory (standard input, fixed text), else
// the file on disk, read once.
// A notebook's lines are those of one cell.
class SourceFiles {
 public:
  void hold(const std::string& name, std::string bytes) {
    SourceText source = decode_source(std::move(bytes), name);
    if (source.ok()) files_[name] = std::move(source);
  }
  const std::string* operator()(const std::string& name, std::optional<std::uint32_t> cell) {
    auto it = files_.find(name);
    if (it == files_.end()) {
      SourceText source = read_source(name);
      std::optional<SourceText> held;
      if (source.ok()) held = std::move(source);
      it = files_.emplace(name, std::move(held)).first;
    }
    if (!it->second) return nullptr;
    if (!cell || !it->second->notebook) return &it->second->text;
    auto [at, added] = cells_.try_emplace(std::pair(name, *cell));
    if (added) at->second = it->second->notebook->cells().cell_display_text(*cell);
    return &at->second;
  }

 private:
  std::map<std::string, std::optional<SourceText>> files_;
  std::map<std::pair<std::string, std::uint32_t>, std::string> cells_;
};

// A notebook's diagnostics in rows of its cells (notebook_rows.h).
void map_notebook_rows(const CheckInput& input, std::span<OutputDiagnostic> diagnostics) {
  if (diagnostics.empty() || !notebook::is_notebook_path(input.path.native())) return;
  const SourceText source =
      input.bytes ? decode_source(*input.bytes, input.path) : read_source(input.path);
  if (source.notebook) map_to_cells(diagnostics, source.notebook->cells());
}

// ruff's --show-fixes: what was fixed, per file and code (the first round's diagnostics less
// the ones left), after the report.
void write_fixes(const std::vector<CheckInput>& inputs, const std::vector<CheckOutcome>& initial,
                 const std::vector<CheckOutcome>& final_outcomes, std::size_t fixed,
                 const fs::path& cwd, std::ostream& out) {
  std::map<std::string, std::map<std::string_view, std::ptrdiff_t>> per_file;
  for (std::size_t i = 0; i < inputs.size() && i < initial.size(); ++i) {
    std::map<std::string_view, std::ptrdiff_t> counts;
    for (const OutputDiagnostic& d : initial[i].diagnostics)
      ++counts[analysis::rule_info(d.rule).code];
    for (const OutputDiagnostic& d : final_outcomes[i].diagnostics) {
      --counts[analysis::rule_info(d.rule).code];
    }
    std::erase_if(counts, [](const auto& entry) { return entry.second <= 0; });
    if (!counts.empty()) per_file[relative_to_cwd(inputs[i].display, cwd)] = std::move(counts);
  }
  if (fixed == 0 || per_file.empty()) {
    out << "No errors fixed.\n";
    return;
  }
  out << "\nFixed " << fixed << (fixed == 1 ? " error:\n" : " errors:\n");
  for (const auto& [file, counts] : per_file) {
    out << "- " << file << ":\n";
    for (const auto& [code, count] : counts) {
      const std::optional<analysis::RuleId> rule = analysis::find_rule(code);
      out << "    " << count << " \xC3\x97 " << code << " ("
          << (rule ? analysis::rule_info(*rule).name : std::string_view()) << ")\n";
    }
  }
}

void write_report(std::span<const OutputDiagnostic> diagnostics,
                  std::span<const std::string> errors, const CheckOptions& options,
                  std::optional<std::size_t> fixed, SourceFiles& sources, bool terminal,
                  std::ostream& out) {
  if (options.statistics) {
    write_statistics(diagnostics, out, options.output_format == OutputFormat::Json,
                     options.unsafe_fixes);
    return;
  }
  const EnvLookup env = process_environment();
  const bool color = use_color(terminal, env);
  const HumanOutputOptions human{
      .color = color,
      .width = terminal ? options.terminal_width : std::nullopt,
      .unsafe_fixes = options.unsafe_fixes,
      .source = [&](const std::string& name, std::optional<std::uint32_t> cell) {
        return sources(name, cell);
      }};
  switch (options.output_format) {
    case OutputFormat::Full:
      write_full(diagnostics, out, human);
      break;
    case OutputFormat::Concise:
      write_concise(diagnostics, out, human);
      break;
    case OutputFormat::Grouped:
      write_grouped(diagnostics, out, human);
      break;
    case OutputFormat::Json:
      write_json(diagnostics, out);
      break;
    case OutputFormat::JsonLines:
      write_json_lines(diagnostics, out);
      break;
    case OutputFormat::Junit:
      write_junit(diagnostics, out);
      break;
    case OutputFormat::Gitlab:
      write_gitlab(diagnostics, out, env("CI_PROJECT_DIR"));
      break;
    case OutputFormat::Pylint:
      write_pylint(diagnostics, out);
      break;
    case OutputFormat::Rdjson:
      write_rdjson(diagnostics, out);
      break;
    case OutputFormat::Azure:
      write_azure(diagnostics, out);
      break;
    case OutputFormat::Sarif:
      write_sarif(diagnostics, out, errors);
      break;
    case OutputFormat::Github:
      write_github(diagnostics, out);
      break;
  }
  if (is_human_format(options.output_format) && !options.quiet) {
    write_summary(diagnostics, out,
                  SummaryOptions{.color = color,
                                 .unsafe_fixes = options.unsafe_fixes,
                                 .had_errors = !errors.empty(),
                                 .fixed = fixed});
  }
}

using Clock = std::chrono::steady_clock;

// --add-noqa: every file with diagnostics gets its `# noqa: CODES` comments (add_noqa.h),
// written atomically; the report is the count, on standard error, as ruff prints it.
int write_noqa(const std::vector<CheckInput>& inputs, const std::vector<CheckOutcome>& outcomes,
               std::vector<std::string> errors, bool silent, std::ostream& err) {
  std::size_t added = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].context) continue;  // the project around a partial run: never annotated
    if (!outcomes[i].error.empty()) {
      errors.push_back(inputs[i].display + ": " + outcomes[i].error);
      continue;
    }
    if (outcomes[i].diagnostics.empty() || inputs[i].bytes) continue;
    std::map<std::uint32_t, std::set<std::string>> codes;
    for (const OutputDiagnostic& d : outcomes[i].diagnostics) {
      codes[d.location.row].insert(std::string(analysis::rule_info(d.rule).code));
    }
    const SourceText source = read_source(inputs[i].path);
    if (!source.ok()) {
      errors.push_back(inputs[i].display + ": " + source.error);
      continue;
    }
    const NoqaEdit edit = add_noqa(source.text, codes);
    if (edit.added == 0) continue;
    const std::string bom = source.had_bom ? "\xEF\xBB\xBF" : "";
    // A notebook gets its comments in its cells (the rows are the module's).
    const std::string before = source.notebook ? source.notebook->raw() : source.text;
    const std::string after =
        source.notebook ? source.notebook->with_module_text(edit.text) : edit.text;
    const WriteResult written =
        replace_file_if_unchanged(inputs[i].path, bom + before, bom + after);
    if (written.status == WriteStatus::Written) {
      added += edit.added;
    } else {
      errors.push_back(inputs[i].display + ": cannot add noqa directives: " + written.message);
    }
  }
  for (const std::string& e : errors) err << kErrorPrefix << e << '\n';
  if (!silent) {
    err << "Added " << added << " noqa directive" << (added == 1 ? "" : "s") << ".\n";
  }
  return errors.empty() ? kExitClean : kExitError;
}

// The run's settings the command line left open, from the configuration of the current folder.
void apply_run_settings(CheckOptions& options, const config::Settings& project) {
  if (!options.given.output_format && project.output_format) {
    if (auto format = parse_output_format(*project.output_format)) options.output_format = *format;
  }
  if (!options.given.fix && project.fix) options.fix = *project.fix;
  if (!options.given.unsafe_fixes && project.unsafe_fixes) {
    options.unsafe_fixes = *project.unsafe_fixes;
  }
  if (!options.given.show_fixes && project.show_fixes) options.show_fixes = *project.show_fixes;
  if (!options.given.fail_level && project.fail_level) options.fail_level = *project.fail_level;
  if (!options.given.force_exclude && project.force_exclude) {
    options.force_exclude = *project.force_exclude;
  }
  if (!options.given.respect_gitignore && project.respect_gitignore) {
    options.respect_gitignore = *project.respect_gitignore;
  }
  if (options.fix_only) options.fix = true;
  // ruff's `fixable` / `extend-fixable` / `unfixable`, for the whole run.
  options.fixable_rules = project.fixable ? analysis::RuleSet::none() : analysis::RuleSet::all();
  for (const std::string& s : project.fixable.value_or(std::vector<std::string>{})) {
    options.fixable_rules.select(s);
  }
  for (const std::string& s : project.extend_fixable) options.fixable_rules.select(s);
  for (const std::string& s : project.unfixable) options.fixable_rules.ignore(s);
}

// The folder of the results cache: --cache-dir, else $LOOPWARDEN_CACHE_DIR, else the
// configuration's `cache-dir` (relative to its file), else `.loopwarden_cache/` at the project
// root: the folder of the configuration file, else the nearest folder up from here holding
// `.git`, `setup.py` or `setup.cfg`, else the current folder.
fs::path cache_directory(const CheckOptions& options, const config::Configuration& project,
                         const fs::path& cwd) {
  if (options.cache_dir) return fs::path(*options.cache_dir);
  if (const char* dir = std::getenv("LOOPWARDEN_CACHE_DIR"); dir != nullptr && *dir != '\0') {
    return fs::path(dir);
  }
  if (project.settings().cache_dir) return project.root() / *project.settings().cache_dir;
  if (!project.file().empty()) return project.root() / ".loopwarden_cache";
  std::error_code ec;
  for (fs::path dir = cwd; !dir.empty(); dir = dir.parent_path()) {
    for (const char* marker : {".git", "setup.py", "setup.cfg"}) {
      if (fs::exists(dir / marker, ec)) return dir / ".loopwarden_cache";
    }
    if (!dir.has_relative_path()) break;
  }
  return cwd / ".loopwarden_cache";
}

// The project's environment (server/workspace/python_environment.h): the settings of the
// configuration of the current folder, the project root of the current folder.
workspace::PythonEnvironment environment_of(const config::Configuration& project,
                                            const fs::path& cwd, const fs::path& cache_dir) {
  const workspace::EnvironmentSettings env =
      workspace::environment_settings(project.settings(), project.root());
  fs::path root = project.file().empty() ? project_root(cwd / "-").value_or(cwd) : project.root();
  return workspace::PythonEnvironment::discover(env, root, cache_dir);
}

}  // namespace

int run_check(const CheckOptions& command_line, std::istream& in, std::ostream& out,
              std::ostream& err) {
  const auto started = Clock::now();
  CheckOptions options = command_line;
  for (std::vector<std::string>* list : {&options.ignore, &options.extend_select}) {
    for (std::string& s : *list) s = config::normalize_rule_selector(s);
  }
  if (options.select) {
    for (std::string& s : *options.select) s = config::normalize_rule_selector(s);
  }
  if (auto problem = usage_problem(options)) {
    err << kErrorPrefix << *problem << '\n';
    return kExitError;
  }
  config::ConfigLoader loader(options.config_file ? std::optional<fs::path>(*options.config_file)
                                                  : std::nullopt);
  std::error_code cwd_error;
  const fs::path cwd = fs::current_path(cwd_error);
  // `--exclude` / `--extend-exclude` are settings over every configuration, as `--config`.
  if (options.exclude)
    options.config_overrides.push_back("exclude = " + toml_array(*options.exclude));
  if (options.fixable) {
    options.config_overrides.push_back("fixable = " + toml_array(*options.fixable));
  }
  if (!options.extend_fixable.empty()) {
    options.config_overrides.push_back("extend-fixable = " + toml_array(options.extend_fixable));
  }
  if (!options.unfixable.empty()) {
    options.config_overrides.push_back("unfixable = " + toml_array(options.unfixable));
  }
  if (!options.extend_exclude.empty()) {
    options.config_overrides.push_back("extend-exclude = " + toml_array(options.extend_exclude));
  }
  if (!options.config_overrides.empty()) {
    std::string toml;
    for (const std::string& line : options.config_overrides) toml += line + "\n";
    config::ParsedSettings parsed =
        config::parse_settings(toml, "--config", config::ConfigFileKind::LoopwardenToml);
    for (const config::ConfigError& e : parsed.errors) err << kErrorPrefix << e.to_string() << '\n';
    if (!parsed.errors.empty()) return kExitError;
    if (parsed.settings.extend) {
      err << kErrorPrefix << "--config: `extend` belongs in a configuration file (use --config "
          << "FILE)\n";
      return kExitError;
    }
    loader.set_overrides(std::move(parsed), cwd);
  }
  // The configuration of the current folder gives the run's settings (output format, fix, ...)
  // the command line leaves open; its errors count even when no file is found.
  const config::ConfigurationPtr project = loader.for_directory(cwd);
  apply_run_settings(options, project->settings());
  std::vector<std::string> errors;  // I/O problems, reported in a stable order
  std::vector<CheckInput> inputs;
  workspace::ModuleNamer namer;  // not thread-safe: every file is named here, before the passes
  const bool from_stdin =
      options.stdin_filename || (options.paths.size() == 1 && options.paths.front() == "-");
  if (from_stdin) {
    const std::string name = options.stdin_filename.value_or("-");
    const std::string display = fs::path(name).lexically_normal().generic_string();
    const fs::path path = config::normalize_path(name);
    if (options.force_exclude && is_force_excluded(path, loader)) {
      return kExitClean;  // ruff: an excluded file given on standard input is not checked
    }
    inputs.push_back(CheckInput{display, path, loader.for_file(path), namer.identify(path, display),
                                read_all(in)});
  } else {
    const std::vector<std::string> paths =
        options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
    Discovery discovery = discover_files(
        paths, loader, DiscoveryOptions{options.force_exclude, options.respect_gitignore});
    errors = std::move(discovery.errors);
    for (DiscoveredFile& file : discovery.files) {
      analysis::index::ModuleIdentity identity = namer.identify(file.path, file.display);
      inputs.push_back(CheckInput{std::move(file.display), std::move(file.path),
                                  std::move(file.config), std::move(identity), std::nullopt});
    }
  }
  // A partial run sees the rest of its project (with --fix / --diff too: the context is
  // indexed and analysed, never fixed nor reported).
  {
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
  const auto discovered = Clock::now();
  if (options.show_files) {
    if (!options.silent) {
      for (const CheckInput& input : inputs) {
        if (!input.context) out << relative_to_cwd(input.display, cwd) << '\n';
      }
    }
    for (const std::string& e : errors) err << kErrorPrefix << e << '\n';
    return errors.empty() ? kExitClean : kExitError;
  }
  if (options.show_settings) {
    // ruff's --show-settings: the settings of the first file the run would check.
    const auto first = std::find_if(inputs.begin(), inputs.end(),
                                    [](const CheckInput& input) { return !input.context; });
    if (first == inputs.end()) {
      err << kErrorPrefix << "--show-settings: no Python file found under the given path(s)\n";
      return kExitError;
    }
    const config::RuleSelection selection{options.select, options.ignore, options.extend_select};
    write_settings(relative_to_cwd(first->display, cwd), *first->config,
                   first->config->options_for(first->path, &selection), options,
                   cache_directory(options, *project, cwd), out);
    out.flush();
    return kExitClean;
  }

  const config::RuleSelection overrides{options.select, options.ignore, options.extend_select};
  // The results cache (server/cli/result_cache.h); standard input is never cached.
  std::optional<ResultCache> cache;
  if (!options.no_cache && !from_stdin) {
    cache = ResultCache::open(cache_directory(options, *project, cwd));
  }
  const unsigned threads = options.threads > 0 ? options.threads : default_thread_count();
  const workspace::PythonEnvironment environment = environment_of(
      *project, cwd, options.no_cache ? fs::path() : cache_directory(options, *project, cwd));
  // Library summaries kept between runs (server/workspace/library_cache.h).
  std::optional<workspace::LibraryCache> library_cache;
  if (!options.no_cache) library_cache.emplace(cache_directory(options, *project, cwd));
  PipelineMetrics metrics;
  // On a terminal, a run still working after a second shows its progress (stderr).
  std::optional<ProgressLine> progress;
  progress.emplace(metrics, options.stderr_is_terminal && !options.quiet && !options.silent);
  const PipelineOptions pipeline{.prefilter = !options.no_prefilter,
                                 .cache = cache ? &*cache : nullptr,
                                 .environment = &environment,
                                 .library_cache = library_cache ? &*library_cache : nullptr,
                                 .metrics = &metrics};
  std::vector<CheckOutcome> outcomes;
  std::optional<std::size_t> fixed;  // set with --fix: the summary counts fixed and remaining
  std::optional<std::string> stdin_output;
  std::vector<CheckOutcome> fix_initial;  // --show-fixes: the diagnostics before the fixes
  if (options.fix || options.diff) {
    FixRun run = run_fixes(options, inputs, overrides, threads, pipeline, from_stdin, out, err);
    if (run.exit_status) {  // --diff: the diff is the output
      for (const std::string& e : errors) err << kErrorPrefix << e << '\n';
      return errors.empty() ? *run.exit_status : kExitError;
    }
    outcomes = std::move(run.outcomes);
    errors.insert(errors.end(), run.errors.begin(), run.errors.end());
    fixed = run.fixed;
    fix_initial = std::move(run.initial);
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
    // A fix of an unfixable rule is only shown (ruff's `unfixable`).
    for (OutputDiagnostic& d : outcomes[i].diagnostics) {
      if (d.fix && !options.fixable_rules.contains(d.rule)) {
        d.fix->applicability = analysis::Applicability::DisplayOnly;
      }
    }
    const std::size_t first = diagnostics.size();
    std::move(outcomes[i].diagnostics.begin(), outcomes[i].diagnostics.end(),
              std::back_inserter(diagnostics));
    // Rows stay the module's in `outcomes` (--add-noqa writes by them).
    map_notebook_rows(inputs[i], std::span(diagnostics).subspan(first));
  }
  const auto checked = Clock::now();
  progress.reset();  // stopped (and cleared) before anything else is printed
  if (options.add_noqa) {
    return write_noqa(inputs, outcomes, errors, options.silent, err);
  }
  if (options.fix_only) diagnostics.clear();  // what is left is not reported (ruff's meaning)
  // Paths as ruff prints them: relative to the current folder.
  SourceFiles sources;
  for (const CheckInput& input : inputs) {
    if (input.bytes) sources.hold(relative_to_cwd(input.display, cwd), *input.bytes);
  }
  for (OutputDiagnostic& d : diagnostics) {
    d.filename = relative_to_cwd(d.filename, cwd);
    for (OutputRelated& r : d.related) r.filename = relative_to_cwd(r.filename, cwd);
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(), output_order);

  for (const std::string& e : errors) err << kErrorPrefix << e << '\n';
  if (inputs.empty() && !from_stdin && errors.empty() && !options.silent) {
    err << "warning: No Python files found under the given path(s)\n";
  }
  err.flush();
  std::ostringstream buffer;
  const bool to_file = options.output_file.has_value();
  if (!options.silent) {
    write_report(diagnostics, errors, options, fixed, sources,
                 !to_file && options.stdout_is_terminal, buffer);
    if (options.show_fixes && (options.fix || fixed)) {
      write_fixes(inputs, fix_initial, outcomes, fixed.value_or(0), cwd, buffer);
    }
  }
  if (stdin_output) {
    // `--fix` on standard input (as ruff does): the fixed source on stdout, the report on stderr.
    out << *stdin_output;
    out.flush();
  }
  if (to_file) {
    std::error_code ec;
    const fs::path parent = fs::path(*options.output_file).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    std::ofstream file(*options.output_file, std::ios::binary | std::ios::trunc);
    file << buffer.str();
    file.close();
    if (!file) {
      err << kErrorPrefix << "cannot write `" << *options.output_file << "`\n";
      return kExitError;
    }
  } else if (stdin_output) {
    err << buffer.str();
    err.flush();
  } else {
    out << buffer.str();
    out.flush();
  }

  if (options.verbose) {
    const auto ms = [](auto from, auto to) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
    };
    const auto thread_ms = [](const std::atomic<std::int64_t>& ns) {
      return ns.load() / 1'000'000;
    };
    err << "loopwarden: discovery and configuration: " << inputs.size() << " files in "
        << ms(started, discovered) << " ms\n"
        << "loopwarden: parsing, indexing and analysis: " << ms(discovered, checked) << " ms ("
        << threads << " threads, cache " << (cache ? "on" : "off") << ")\n"
        << "loopwarden:   parsing: " << thread_ms(metrics.parse_ns) << " ms of thread time\n"
        << "loopwarden:   indexing (semantic model, summaries): " << thread_ms(metrics.index_ns)
        << " ms of thread time\n"
        << "loopwarden:   analysis: " << thread_ms(metrics.analysis_ns) << " ms of thread time\n"
        << "loopwarden: output: " << ms(checked, Clock::now()) << " ms\n"
        << "loopwarden: environment: " << environment.source() << " (" << environment.roots().size()
        << " import roots)\n";
    if (library_cache) {
      err << "loopwarden: libraries: " << library_cache->hits() << " modules from the cache, "
          << library_cache->misses() << " summarised\n";
    }
  }
  if (!errors.empty()) return kExitError;
  if (options.exit_zero) return kExitClean;
  const bool failing = std::any_of(diagnostics.begin(), diagnostics.end(), [&](const auto& d) {
    return static_cast<int>(d.severity) <= static_cast<int>(options.fail_level);
  });
  if (failing) return kExitDiagnostics;
  if (options.exit_non_zero_on_fix && fixed.value_or(0) > 0) return kExitDiagnostics;
  return kExitClean;
}

}  // namespace lw::server::cli

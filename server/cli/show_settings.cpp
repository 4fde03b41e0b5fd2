#include "server/cli/show_settings.h"

#include <string_view>
#include <vector>

#include "analysis/diagnostics/severity.h"
#include "analysis/rules/catalog.h"

namespace lw::server::cli {
namespace {

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void write_list(std::string_view key, const std::vector<std::string>& items, std::ostream& out) {
  out << key << " = [";
  for (std::size_t i = 0; i < items.size(); ++i)
    out << (i == 0 ? "" : ", ") << toml_string(items[i]);
  out << "]\n";
}

std::string_view format_name(OutputFormat format) {
  constexpr std::string_view kNames[] = {"full",       "concise", "grouped", "json",
                                         "json-lines", "junit",   "gitlab",  "pylint",
                                         "rdjson",     "azure",   "sarif",   "github"};
  return kNames[static_cast<std::size_t>(format)];
}

std::string_view fail_level_name(analysis::Severity level) {
  return level == analysis::Severity::Hint ? "information" : analysis::to_string(level);
}

}  // namespace

void write_settings(const std::string& display, const config::Configuration& config,
                    const analysis::AnalysisOptions& analysis, const CheckOptions& run,
                    const std::filesystem::path& cache_dir, std::ostream& out) {
  const config::Settings& s = config.settings();
  out << "Resolved settings for: " << toml_string(display) << '\n';
  out << "Settings path: "
      << (config.file().empty() ? std::string("none (the defaults)")
                                : toml_string(config.file().string()))
      << '\n';
  write_list("extends", s.extended, out);
  out << "\n# Rules (selection, per-file-ignores and severity applied to this file)\n";
  std::vector<std::string> enabled;
  std::vector<std::string> disabled;
  std::vector<std::string> fixable;
  for (const analysis::RuleInfo& rule : analysis::all_rules()) {
    const auto index = static_cast<std::size_t>(rule.id);
    const analysis::Severity severity =
        analysis.severity_overrides[index].value_or(rule.default_severity);
    std::string entry = std::string(rule.code) + " " + std::string(rule.name) + " (" +
                        std::string(analysis::to_string(severity)) + ")";
    (analysis.rules.contains(rule.id) ? enabled : disabled).push_back(std::move(entry));
    if (run.fixable_rules.contains(rule.id)) fixable.emplace_back(rule.code);
  }
  out << "rules.enabled = [\n";
  for (const std::string& e : enabled) out << "    " << toml_string(e) << ",\n";
  out << "]\n";
  write_list("rules.disabled", disabled, out);
  write_list("fixable", fixable, out);
  out << "\n# Analysis\n";
  out << "target-version = "
      << (analysis.target_minor ? toml_string("py3" + std::to_string(*analysis.target_minor))
                                : std::string("none"))
      << (s.target_from_requires_python ? "  # from [project] requires-python" : "")
      << (analysis.target_minor ? "" : "  # every asyncio API may be used") << '\n';
  write_list("extend-blocking-calls", analysis.extend_blocking_calls, out);
  write_list("extend-async-functions", analysis.extend_async_functions, out);
  out << "library-depth = " << analysis.library_depth << '\n';
  out << "notebook = " << (analysis.notebook ? "true" : "false") << '\n';
  out << "\n# Files (globs relative to " << toml_string(config.root().string()) << ")\n";
  std::vector<std::string> globs;
  for (const config::Glob& g : s.exclude) globs.push_back(g.pattern());
  write_list("exclude", globs, out);
  out << "per-file-ignores = {";
  for (std::size_t i = 0; i < s.per_file_ignores.size(); ++i) {
    const config::PerFileIgnore& p = s.per_file_ignores[i];
    out << (i == 0 ? " " : ", ") << toml_string(p.pattern.pattern()) << " = [";
    for (std::size_t j = 0; j < p.selectors.size(); ++j) {
      out << (j == 0 ? "" : ", ") << toml_string(p.selectors[j]);
    }
    out << "]";
  }
  out << (s.per_file_ignores.empty() ? "}\n" : " }\n");
  out << "respect-gitignore = " << (run.respect_gitignore ? "true" : "false") << '\n';
  out << "force-exclude = " << (run.force_exclude ? "true" : "false") << '\n';
  out << "\n# Run\n";
  out << "output-format = " << toml_string(format_name(run.output_format)) << '\n';
  out << "fix = " << (run.fix ? "true" : "false") << '\n';
  out << "unsafe-fixes = " << (run.unsafe_fixes ? "true" : "false") << '\n';
  out << "show-fixes = " << (run.show_fixes ? "true" : "false") << '\n';
  out << "fail-level = " << toml_string(fail_level_name(run.fail_level)) << '\n';
  out << "cache-dir = " << toml_string(cache_dir.string()) << '\n';
}

}  // namespace lw::server::cli

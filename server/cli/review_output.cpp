// The JSON formats of code-review services: GitLab Code Quality and reviewdog's rdjson.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "analysis/rules/catalog.h"
#include "server/cli/emitters.h"

namespace lw::server::cli {
namespace {

using Json = nlohmann::ordered_json;

// GitLab Code Quality severities: info, minor, major, critical, blocker.
std::string_view gitlab_severity(analysis::Severity s) {
  switch (s) {
    case analysis::Severity::Error:
      return "critical";
    case analysis::Severity::Warning:
      return "major";
    case analysis::Severity::Information:
      return "minor";
    case analysis::Severity::Hint:
      break;
  }
  return "info";
}

// rdjson severities: ERROR, WARNING, INFO.
std::string_view rdjson_severity(analysis::Severity s) {
  switch (s) {
    case analysis::Severity::Error:
      return "ERROR";
    case analysis::Severity::Warning:
      return "WARNING";
    case analysis::Severity::Information:
    case analysis::Severity::Hint:
      break;
  }
  return "INFO";
}

// A path relative to GitLab's checkout ($CI_PROJECT_DIR), as the merge request widget wants.
std::string gitlab_path(const std::string& filename, const std::optional<std::string>& project) {
  if (!project || project->empty()) return filename;
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(filename, ec);
  if (ec) return filename;
  const std::filesystem::path relative = absolute.lexically_normal().lexically_relative(
      std::filesystem::path(*project).lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return filename;
  return relative.generic_string();
}

Json rd_position(const TextPosition& p) { return Json{{"line", p.row}, {"column", p.column}}; }

Json rd_range(const TextPosition& start, const TextPosition& end) {
  return Json{{"start", rd_position(start)}, {"end", rd_position(end)}};
}

}  // namespace

void write_gitlab(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                  const std::optional<std::string>& project_dir) {
  Json array = Json::array();
  const std::vector<std::size_t> occurrences = fingerprint_occurrences(diagnostics);
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const OutputDiagnostic& d = diagnostics[i];
    const std::string_view code = analysis::rule_info(d.rule).code;
    array.push_back(Json{
        {"check_name", code},
        {"description", std::string(code) + ": " + d.message},
        {"severity", gitlab_severity(d.severity)},
        {"fingerprint", diagnostic_fingerprint(d, occurrences[i])},
        {"location", Json{{"path", gitlab_path(d.filename, project_dir)},
                          {"lines", Json{{"begin", d.location.row}, {"end", d.end_location.row}}},
                          {"positions", Json{{"begin", rd_position(d.location)},
                                             {"end", rd_position(d.end_location)}}}}}});
  }
  out << array.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_rdjson(std::span<const OutputDiagnostic> diagnostics, std::ostream& out) {
  Json list = Json::array();
  for (const OutputDiagnostic& d : diagnostics) {
    const std::string_view code = analysis::rule_info(d.rule).code;
    Json item{
        {"message", d.message},
        {"location", Json{{"path", d.filename}, {"range", rd_range(d.location, d.end_location)}}},
        {"severity", rdjson_severity(d.severity)},
        {"code", Json{{"value", code}, {"url", analysis::rule_docs_url(code)}}}};
    if (d.fix && (d.fix->applicability == analysis::Applicability::Safe ||
                  d.fix->applicability == analysis::Applicability::Unsafe)) {
      Json suggestions = Json::array();
      for (const OutputEdit& e : d.fix->edits) {
        suggestions.push_back(
            Json{{"range", rd_range(e.location, e.end_location)}, {"text", e.content}});
      }
      if (!suggestions.empty()) item["suggestions"] = std::move(suggestions);
    }
    list.push_back(std::move(item));
  }
  const Json result{{"source", Json{{"name", "loopwarden"}, {"url", analysis::kProjectUrl}}},
                    {"severity", "WARNING"},
                    {"diagnostics", std::move(list)}};
  out << result.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace lw::server::cli

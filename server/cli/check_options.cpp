#include "server/cli/check_options.h"

#include <array>
#include <utility>

namespace lw::server::cli {
namespace {

constexpr std::array<std::pair<std::string_view, OutputFormat>, 13> kFormats{{
    {"full", OutputFormat::Full},
    {"concise", OutputFormat::Concise},
    {"grouped", OutputFormat::Grouped},
    {"json", OutputFormat::Json},
    {"json-lines", OutputFormat::JsonLines},
    {"junit", OutputFormat::Junit},
    {"gitlab", OutputFormat::Gitlab},
    {"pylint", OutputFormat::Pylint},
    {"rdjson", OutputFormat::Rdjson},
    {"azure", OutputFormat::Azure},
    {"sarif", OutputFormat::Sarif},
    {"github", OutputFormat::Github},
    {"text", OutputFormat::Concise},  // the first wave's one-line text output
}};

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  for (const auto& [format_name, format] : kFormats) {
    if (format_name == name) return format;
  }
  return std::nullopt;
}

std::vector<std::string> output_format_names() {
  std::vector<std::string> names;
  for (const auto& [format_name, format] : kFormats) names.emplace_back(format_name);
  return names;
}

bool is_human_format(OutputFormat format) {
  return format == OutputFormat::Full || format == OutputFormat::Concise ||
         format == OutputFormat::Grouped;
}

}  // namespace lw::server::cli

#include "server/cli/check_options.h"

namespace lw::server::cli {

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "text") return OutputFormat::Text;
  if (name == "json") return OutputFormat::Json;
  if (name == "sarif") return OutputFormat::Sarif;
  if (name == "github") return OutputFormat::Github;
  return std::nullopt;
}

}  // namespace lw::server::cli

#include "analysis/diagnostics/severity.h"

namespace lw::analysis {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Information:
      return "information";
    case Severity::Hint:
      return "hint";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "error") return Severity::Error;
  if (s == "warning") return Severity::Warning;
  if (s == "information" || s == "info") return Severity::Information;
  if (s == "hint") return Severity::Hint;
  return std::nullopt;
}

}  // namespace lw::analysis

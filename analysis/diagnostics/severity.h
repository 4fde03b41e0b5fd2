#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace lw::analysis {

// Values match LSP's DiagnosticSeverity so that conversion is trivial.
enum class Severity : std::uint8_t { Error = 1, Warning = 2, Information = 3, Hint = 4 };

std::string_view to_string(Severity s);  // "error", "warning", "information", "hint"
std::optional<Severity> parse_severity(std::string_view s);

}  // namespace lw::analysis

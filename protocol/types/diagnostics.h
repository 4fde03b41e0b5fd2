#pragma once
// Diagnostics as LSP sends them: the Diagnostic structure and textDocument/publishDiagnostics.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/types/basic.h"

namespace lw::protocol {

using json = nlohmann::json;

enum class DiagnosticSeverity : std::uint8_t { Error = 1, Warning = 2, Information = 3, Hint = 4 };
enum class DiagnosticTag : std::uint8_t { Unnecessary = 1, Deprecated = 2 };

using DiagnosticCode = std::variant<std::int32_t, std::string>;

struct CodeDescription {
  std::string href;
  friend bool operator==(const CodeDescription&, const CodeDescription&) = default;
};
void to_json(json& j, const CodeDescription& c);
void from_json(const json& j, CodeDescription& c);

struct DiagnosticRelatedInformation {
  Location location;
  std::string message;
  friend bool operator==(const DiagnosticRelatedInformation&,
                         const DiagnosticRelatedInformation&) = default;
};
void to_json(json& j, const DiagnosticRelatedInformation& r);
void from_json(const json& j, DiagnosticRelatedInformation& r);

struct Diagnostic {
  Range range;
  std::optional<DiagnosticSeverity> severity;
  std::optional<DiagnosticCode> code;
  std::optional<CodeDescription> code_description;
  std::optional<std::string> source;
  std::string message;
  std::optional<std::vector<DiagnosticTag>> tags;
  std::optional<std::vector<DiagnosticRelatedInformation>> related_information;
  std::optional<json> data;  // absent when nullopt; an explicit null is kept as null
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};
void to_json(json& j, const Diagnostic& d);
void from_json(const json& j, Diagnostic& d);

struct PublishDiagnosticsParams {
  DocumentUri uri;
  std::optional<std::int32_t> version;
  std::vector<Diagnostic> diagnostics;
};
void to_json(json& j, const PublishDiagnosticsParams& p);
void from_json(const json& j, PublishDiagnosticsParams& p);

}  // namespace lw::protocol

#include "server/lsp/convert.h"

#include "analysis/rules/catalog.h"

namespace lw::server {
namespace {

constexpr std::string_view kSource = "loopwarden";

protocol::Position to_lsp_position(std::uint32_t offset, const SourceView& source) {
  return source.lines.to_position(source.text, offset, source.encoding);
}

}  // namespace

protocol::Range to_lsp_range(const analysis::ByteRange& range, const SourceView& source) {
  return {to_lsp_position(range.start, source), to_lsp_position(range.end, source)};
}

protocol::Diagnostic to_lsp_diagnostic(const analysis::Diagnostic& diagnostic,
                                       const SourceView& source, const LocateInFile& locate) {
  const analysis::RuleInfo& rule = analysis::rule_info(diagnostic.rule);
  protocol::Diagnostic out;
  out.range = to_lsp_range(diagnostic.range, source);
  out.severity = static_cast<protocol::DiagnosticSeverity>(diagnostic.severity);
  out.code = std::string(rule.code);
  out.code_description = protocol::CodeDescription{analysis::rule_docs_url(rule.code)};
  out.source = std::string(kSource);
  out.message = diagnostic.message;
  // Tags come from the rule that reported (Diagnostic::unnecessary / deprecated).
  std::vector<protocol::DiagnosticTag> tags;
  if (diagnostic.unnecessary) tags.push_back(protocol::DiagnosticTag::Unnecessary);
  if (diagnostic.deprecated) tags.push_back(protocol::DiagnosticTag::Deprecated);
  if (!tags.empty()) out.tags = std::move(tags);

  std::vector<protocol::DiagnosticRelatedInformation> related;
  for (const analysis::RelatedLocation& location : diagnostic.related) {
    if (location.path.empty()) {
      related.push_back(
          {{std::string(source.uri), to_lsp_range(location.range, source)}, location.message});
    } else if (locate) {
      if (auto where = locate(location.path, location.range)) {
        related.push_back({std::move(*where), location.message});
      }
    }
  }
  if (!related.empty()) out.related_information = std::move(related);
  out.data = protocol::json{{"rule", rule.code}};
  return out;
}

std::vector<protocol::Diagnostic> to_lsp_diagnostics(
    const std::vector<analysis::Diagnostic>& diagnostics, const SourceView& source,
    const LocateInFile& locate) {
  std::vector<protocol::Diagnostic> out;
  out.reserve(diagnostics.size());
  for (const auto& diagnostic : diagnostics) {
    out.push_back(to_lsp_diagnostic(diagnostic, source, locate));
  }
  return out;
}

}  // namespace lw::server

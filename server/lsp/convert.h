#pragma once
// analysis -> LSP: the only place that knows both analysis::Diagnostic and the protocol
// types. Byte ranges become positions in the negotiated encoding through the document's
// LineIndex.
#include <string>
#include <string_view>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"
#include "protocol/position.h"
#include "protocol/types/diagnostics.h"

namespace lw::server {

// One analysed text as the conversion sees it.
struct SourceView {
  std::string_view uri;
  std::string_view text;
  const protocol::LineIndex& lines;
  protocol::PositionEncoding encoding;
};

// "https://github.com/loopwarden/loopwarden/blob/main/docs/rules/LW102.md"
std::string rule_docs_url(std::string_view code);

protocol::Range to_lsp_range(const analysis::ByteRange& range, const SourceView& source);

// Related locations in other files are left out for now: converting them needs that file's
// text (the cross-file rules will bring a lookup of open/indexed documents).
protocol::Diagnostic to_lsp_diagnostic(const analysis::Diagnostic& diagnostic,
                                       const SourceView& source);
std::vector<protocol::Diagnostic> to_lsp_diagnostics(
    const std::vector<analysis::Diagnostic>& diagnostics, const SourceView& source);

}  // namespace lw::server

#pragma once
// analysis -> LSP: the only place that knows both analysis::Diagnostic and the protocol
// types. Byte ranges become positions in the negotiated encoding through the document's
// LineIndex.
#include <functional>
#include <optional>
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

protocol::Range to_lsp_range(const analysis::ByteRange& range, const SourceView& source);

// Places a related location of another file (its path and byte range) for the client; nullopt
// leaves it out (the file cannot be read).
using LocateInFile = std::function<std::optional<protocol::Location>(
    const std::string& path, const analysis::ByteRange& range)>;

// Related locations in other files need `locate`; without it they are left out.
protocol::Diagnostic to_lsp_diagnostic(const analysis::Diagnostic& diagnostic,
                                       const SourceView& source,
                                       const LocateInFile& locate = nullptr);
std::vector<protocol::Diagnostic> to_lsp_diagnostics(
    const std::vector<analysis::Diagnostic>& diagnostics, const SourceView& source,
    const LocateInFile& locate = nullptr);

}  // namespace lw::server

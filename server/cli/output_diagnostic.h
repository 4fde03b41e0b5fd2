#pragma once
// A diagnostic as the command line prints it: file name and 1-based row/column positions
// (columns count code points), rule metadata looked up, fixes and related locations converted.
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"

namespace lw::server::cli {

struct TextPosition {
  std::uint32_t row = 1;     // 1-based
  std::uint32_t column = 1;  // 1-based, in code points
  friend auto operator<=>(const TextPosition&, const TextPosition&) = default;
};

struct OutputEdit {
  std::string content;
  TextPosition location;
  TextPosition end_location;
};

struct OutputFix {
  analysis::Applicability applicability = analysis::Applicability::Safe;
  std::string message;
  std::vector<OutputEdit> edits;
};

struct OutputRelated {
  std::string filename;
  TextPosition location;
  TextPosition end_location;
  std::string message;
  std::optional<std::uint32_t> cell = std::nullopt;  // a notebook's cell (1-based)
};

struct OutputDiagnostic {
  analysis::RuleId rule{};
  analysis::Severity severity = analysis::Severity::Warning;
  std::string message;
  std::string filename;
  TextPosition location;
  TextPosition end_location;
  // The fix `--fix` would apply, else the one `--unsafe-fixes` would, else a display-only
  // suggestion; never "Disable LWxxx for this line" (an editor-only Manual fix).
  std::optional<OutputFix> fix;
  std::vector<OutputRelated> related;
  // In a notebook: the 1-based cell (ruff's `cell`); rows (here, in the fix and in related
  // locations of the same notebook) count from the cell's first line. Null elsewhere.
  std::optional<std::uint32_t> cell = std::nullopt;
};

// Output order: file name, then position, then code, then message.
bool output_order(const OutputDiagnostic& a, const OutputDiagnostic& b);

// Whether the diagnostic counts as fixable by `--fix` (with `--unsafe-fixes` when `unsafe`).
bool is_fixable(const OutputDiagnostic& d, bool unsafe);

std::string_view applicability_name(analysis::Applicability a);  // "safe", "unsafe", ...

// The text of another file, for related locations outside the analysed file (nullopt when it
// cannot be read; the location then falls back to 1:1), and the name to show for it.
struct OtherFile {
  std::string text;
  std::string display;
};
using OtherFileReader = std::function<std::optional<OtherFile>(const std::string& path)>;

// Converts the diagnostics of one file. `text` is the analysed text (byte offsets refer to it).
std::vector<OutputDiagnostic> to_output(std::string_view filename, std::string_view text,
                                        const std::vector<analysis::Diagnostic>& diagnostics,
                                        const OtherFileReader& read_other = {});

}  // namespace lw::server::cli

#pragma once
// What rules produce. Positions are byte offsets into the analysed text; converting them to
// rows/columns or LSP positions happens outside analysis/.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/diagnostics/severity.h"
#include "analysis/rules/catalog.h"

namespace lw::analysis {

struct ByteRange {
  std::uint32_t start = 0;
  std::uint32_t end = 0;  // exclusive
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

struct TextEdit {
  ByteRange range;
  std::string replacement;
};

enum class Applicability : std::uint8_t { Safe, Unsafe, DisplayOnly };

struct Fix {
  std::string title;  // "Replace with `await asyncio.sleep(...)`"
  Applicability applicability = Applicability::Safe;
  std::vector<TextEdit> edits;  // non-overlapping, sorted by start
};

// A secondary location: in the same file when `path` is empty.
struct RelatedLocation {
  std::string path;
  ByteRange range;
  std::string message;
};

struct Diagnostic {
  RuleId rule{};
  Severity severity = Severity::Warning;
  ByteRange range;
  std::string message;
  std::vector<Fix> fixes;  // the first is the preferred one
  std::vector<RelatedLocation> related;
  // The flagged code is unneeded (LSP DiagnosticTag.Unnecessary; editors fade it): LW208.
  bool unnecessary = false;
};

}  // namespace lw::analysis

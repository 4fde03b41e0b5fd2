#pragma once
// What rules produce. Positions are byte offsets into the analysed text; converting them to
// rows/columns or LSP positions happens outside analysis/.
#include <cstdint>
#include <optional>
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

// Who may apply a fix (analysis/fixes/fix_all.h selects by it):
//  Safe         `check --fix` and the editor's fix-all; behaviour is preserved.
//  Unsafe       `check --fix --unsafe-fixes`, or the editor on request; may change behaviour.
//  DisplayOnly  never applied: a suggestion to read (may have no edits), e.g. "use httpx".
//  Manual       only when a person picks it in the editor; never `--fix` or fix-all, however
//               safe its edits ("Disable LW101 for this line").
enum class Applicability : std::uint8_t { Safe, Unsafe, DisplayOnly, Manual };

struct Fix {
  std::string title;  // "Replace with `await asyncio.sleep(...)`"
  Applicability applicability = Applicability::Safe;
  std::vector<TextEdit> edits;  // non-overlapping, sorted by start
  // No other fix may change text inside this range in the same pass: the fix is only correct
  // for the region as analysed (`async def` -> `def` must not meet an `await` that another
  // fix adds to the body). Applied later, after re-analysis, the others get a fresh look.
  std::optional<ByteRange> isolation = std::nullopt;
  // The fix restructures code rather than repairing it: editors also offer it as a refactoring
  // (LSP `refactor.rewrite`), e.g. LW301's "Convert to `asyncio.gather`".
  bool rewrite = false;
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
  // The flagged code is unneeded (LSP DiagnosticTag.Unnecessary; editors fade it): LW208's
  // `async`, LW002's unused suppression.
  bool unnecessary = false;
  // The flagged code uses a deprecated API (LSP DiagnosticTag.Deprecated; editors strike it
  // through): LW401's `on_event`.
  bool deprecated = false;
};

}  // namespace lw::analysis

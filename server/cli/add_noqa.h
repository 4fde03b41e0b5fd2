#pragma once
// `check --add-noqa` (ruff's meaning): a `# noqa: CODES` comment on every line where a
// diagnostic starts (the line analysis/diagnostics/suppression.h reads), merged into an
// existing `# noqa: A, B` comment (codes sorted, each once). A line with a blanket `# noqa`
// is left alone, and so is a line a comment cannot end: one ending in a backslash
// continuation or inside a triple-quoted string. The way to adopt loopwarden on a legacy code
// base: every existing finding silenced, new ones reported.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace lw::server::cli {

struct NoqaEdit {
  std::string text;       // the new text
  std::size_t added = 0;  // lines given a new or extended comment
};

// `codes_by_row`: 1-based row -> codes of the diagnostics starting there.
NoqaEdit add_noqa(std::string_view text,
                  const std::map<std::uint32_t, std::set<std::string>>& codes_by_row);

}  // namespace lw::server::cli

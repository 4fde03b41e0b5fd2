#pragma once
// "Disable LWxxx for this line" (RULES.md "Every diagnostic"): a Manual fix, offered by the
// editor and never applied by `--fix`. It appends `  # noqa: LWxxx` to the physical line where
// the diagnostic starts (after a trailing comment there), or adds the code to a
// `# noqa: A, B` comment already on that line. No such fix when that line ends inside a
// string or continues with a backslash: a comment cannot go there.
#include <tree_sitter/api.h>

#include <optional>
#include <string_view>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"

namespace lw::analysis {

std::optional<Fix> noqa_fix(TSNode root, std::string_view source, const Diagnostic& diagnostic);

// Appends the noqa fix to every diagnostic that can have one (it always comes last).
void add_noqa_fixes(TSNode root, std::string_view source, std::vector<Diagnostic>& diagnostics);

}  // namespace lw::analysis

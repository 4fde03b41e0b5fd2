#pragma once
// LW001 syntax-error: the regions tree-sitter could not parse (ERROR nodes) and the tokens it
// had to assume (MISSING nodes), at most kMaxSyntaxErrors per file, each with what the tree
// tells: "unexpected `:`", "missing `)`". The rest of the file is analysed as usual (ERROR
// nodes are skipped by every rule), so without this diagnostic the findings inside a broken
// region would vanish silently.
//
// Also LW001: a block nested deeper than Python's tokenizer allows (CPython: "too many levels
// of indentation" beyond 99 indented blocks; brackets and bodies on the line of their `:` do
// not count). tree-sitter-python parses such code without an error, and its scanner stops
// nesting at ~380 levels (cmake/patches), so without this the tree would silently flatten.
//
// Also LW001: the one place where the semantic model stopped descending because the nesting
// is deeper than it analyses (SemanticModel::truncated_at()): "too deeply nested to analyse".
//
// LW001 cannot be suppressed by `# noqa` / `# loopwarden: ignore` (as in ruff: a comment in a
// file that does not parse means nothing reliable); `ignore`, `per-file-ignores` and
// `# loopwarden: ignore-file` still apply. It gets no "Disable LW001 for this line" fix.
#include <cstddef>
#include <cstdint>

#include "analysis/document.h"
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

inline constexpr std::size_t kMaxSyntaxErrors = 10;
// CPython's tokenizer (MAXINDENT 100, counting the base level): 99 indented blocks.
inline constexpr std::uint32_t kMaxIndentationLevels = 99;

// The first indented block (in source order) nested deeper than kMaxIndentationLevels, or a
// null node. Walks the statement structure only.
TSNode first_block_too_deep(TSNode root);

// Runs once per file.
void check_syntax_errors(const RuleContext& ctx, DiagnosticSink& out);

// True when check_syntax_errors can report anything in `doc` (an error or missing node, or
// nesting deep enough that the semantic model may stop descending). Cheap next to an analysis:
// one look at the root, one cursor walk. `check`'s prefilter asks it for files it would skip.
bool may_have_syntax_errors(const Document& doc);

}  // namespace lw::analysis

#pragma once
// LW002 unused-suppression (RUF100), off by default (config.h is_off_by_default): a code in a
// `# noqa: CODES` / `# loopwarden: ignore[CODES]` list that silenced nothing on its line, or
// an LW code no rule has (`LW999`). One diagnostic per list, on the list, naming each such
// code; its fix removes them (the whole list when none is left, the whole comment when it
// held only that list, the line when it held only the comment).
//
// What counts as used: a finding of that code's rule (an LW code, or the LW code a peer code
// such as ASYNC251 maps to) that starts on the comment's line and that the comment dropped.
// Decided after every other rule and finalizer (it runs last among the finalizers).
// Not reported, because the run cannot know: codes of rules that are not enabled for the
// file (their findings were never computed), `LW002` itself, blanket `# noqa` /
// `# loopwarden: ignore`, and codes of other linters that map to no LW code (`E501`).
// The fix is safe when every code it removes is an LW code; a mapped peer code (`ASYNC251`)
// may still be needed by that linter, so removing one is unsafe.
#include <vector>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void finalize_unused_suppressions(const RuleContext& ctx,
                                  const std::vector<DiagnosticSink::Finding>& findings,
                                  DiagnosticSink& out);

}  // namespace lw::analysis

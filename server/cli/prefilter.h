#pragma once
// The byte prefilter of `check` (ARCHITECTURE.md, "Doing less than parsing everything"): a
// file containing none of its tokens cannot produce a finding on its own, so `check` does not
// parse it for diagnostics (the workspace index may still parse it for its summary, when
// another file's analysis looks its module up, and cross_file_candidates() below catches the
// one finding that depends on other files: LW201 on a call to a coroutine function of
// another file). Tokens match anywhere in the bytes (identifiers, strings, comments), so the
// test errs only on the side of analysing a file.
//
// Why each token is enough, rule by rule:
// - "async": every rule that needs async context or an `async def`/`async with`/`async for`
//   (LW101-LW109, LW205, LW206, LW208, LW209, LW301, LW302, LW305, LW306, LW402, LW5xx),
//   LW201 on this file's own `async def`s and LW203 on an `@asynccontextmanager` of the file.
// - "await": LW207 (`await` outside an `async def`), and whatever reads `await` expressions.
// - A qualified name resolves through an import that spells its first component ("asyncio"
//   in `import asyncio` or `from asyncio import sleep`; "builtins" is never spelled: an
//   unbound `open`). So the first component of every name the rules match in sync code is a
//   token: the async APIs and types of semantic/async_functions.inc and
//   rules/async_resources.inc (LW201, LW203, LW204), with every producer of such a type in
//   semantic/known_types.inc (a constructor, a factory, an annotation, a method returning
//   it); the user's `extend-async-functions` (LW201, per file).
// - Names the rules match by attribute rather than by qualified name: "create_task",
//   "ensure_future" (LW202), "on_event" (LW401), "to_thread", "run_in_threadpool",
//   "run_in_executor" (LW403), "AsyncClient", "ClientSession" (LW303).
// - LW001 (syntax errors, nesting too deep to analyse) can report in any file and has no
//   token: check_pipeline parses the files these tokens do not clear, when LW001 is
//   enabled, and analyses those whose tree has an ERROR/MISSING node or nests as deep as the
//   semantic model's limit (analysis::may_have_syntax_errors). That costs the parse the
//   prefilter saved, not the semantic model and the rules; the results cache keeps the
//   verdict, and `ignore = ["LW001"]` restores the whole saving.
// A new rule that can report in a file without these tokens must add its token here;
// tests/server/cli_prefilter_test.cpp checks that the output is identical with and without
// the prefilter over every fixture, the shared corpus and a standard-library subset.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/config.h"

namespace lw::server::cli {

// Every token that does not depend on the configuration (computed once from the tables).
std::span<const std::string> prefilter_tokens();

// True when `text` may produce a finding by itself under `options`.
bool may_have_findings(std::string_view text, const analysis::AnalysisOptions& options);

}  // namespace lw::server::cli

#pragma once
// `check --fix` and `check --diff` (server/cli/check_command.cpp). Rounds of:
//  1. check the inputs as they are now (check_pipeline.h: prefilter, and the results cache
//     while every input is read from disk);
//  2. stop when no diagnostic has a fix the policy allows (`--unsafe-fixes` adds the unsafe
//     ones; is_fixable() is exactly analysis::select_fix), when a round changed nothing, or
//     after kMaxFixRounds rounds;
//  3. fix, in memory, the inputs that have one (fix_files.h: analysis::fix_all against the
//     workspace index of every input as it is now, so a fix that changes what another file
//     sees is followed by a fresh look at that file in the next round);
//  4. `--fix` on files: replace each changed file atomically (atomic_write.h; a file changed
//     on disk meanwhile is left alone, with a warning, and not fixed again); `--diff` and
//     standard input: keep the fixed text in memory (CheckInput::bytes), write nothing.
// The last round's check is the report: the remaining diagnostics of the files as they are.
// `--diff` then prints a unified diff per changed file on `out` and a summary on `err`, and
// the run ends with 1 when there is a diff (like ruff; 0 with --exit-zero), 0 when not, 2 on an
// I/O error.
// `--fix` on standard input keeps the fixed source (always, fixed or not) for stdout.
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "server/cli/check_options.h"
#include "server/cli/check_pipeline.h"

namespace lw::server::cli {

inline constexpr unsigned kMaxFixRounds = 4;

struct FixRun {
  std::vector<CheckOutcome> outcomes;       // the report: one per input, of its final text
  std::optional<int> exit_status;           // set: the run ends here (`--diff`)
  std::size_t fixed = 0;                    // diagnostics fixed in what was written / kept
  std::optional<std::string> stdin_output;  // `--fix` on standard input: the source to print
  std::vector<std::string> errors;          // "file: why" for files that could not be written
  unsigned rounds = 0;                      // rounds that changed something
  std::vector<CheckOutcome> initial;        // --show-fixes: the first round's report (before fixes)
};

FixRun run_fixes(const CheckOptions& options, std::vector<CheckInput>& inputs,
                 const config::RuleSelection& overrides, unsigned threads,
                 const PipelineOptions& pipeline, bool from_stdin, std::ostream& out,
                 std::ostream& err);

}  // namespace lw::server::cli

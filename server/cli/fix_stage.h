#pragma once
// What `check --fix` and `check --diff` do before the report (server/cli/check_command.cpp):
// fix every input in memory (fix_files.h), then
// - `--diff`: print a unified diff per changed file on `out`, a summary on `err`, and end the
//   run (exit 1 when there is a diff, like ruff);
// - `--fix`: replace each changed file atomically (atomic_write.h; a file changed on disk
//   meanwhile is left alone, with a message); standard input is not written but kept for
//   printing. Every input then carries the text to report on (`bytes`): the fixed text when
//   it was written, else the text that was read, so the report matches the disk.
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "server/cli/check_options.h"
#include "server/cli/check_pipeline.h"

namespace lw::server::cli {

struct FixStage {
  std::optional<int> exit_status;           // set: the run ends here (`--diff`)
  std::size_t fixed = 0;                    // diagnostics fixed in what was written
  std::optional<std::string> stdin_output;  // `--fix` on standard input: the fixed source
  std::vector<std::string> errors;          // files that could not be written
};

FixStage run_fix_stage(const CheckOptions& options, std::vector<CheckInput>& inputs,
                       const config::RuleSelection& overrides, unsigned threads, bool from_stdin,
                       std::ostream& out, std::ostream& err);

}  // namespace lw::server::cli

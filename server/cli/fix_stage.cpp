#include "server/cli/fix_stage.h"

#include <algorithm>
#include <numeric>
#include <ostream>

#include "server/cli/atomic_write.h"
#include "server/cli/exit_status.h"
#include "server/cli/fix_files.h"
#include "server/cli/source_text.h"
#include "server/cli/unified_diff.h"

namespace lw::server::cli {
namespace {

constexpr std::string_view kPrefix = "loopwarden: ";

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

// Input indices ordered by displayed name (the order of the report).
std::vector<std::size_t> by_name(const std::vector<CheckInput>& inputs) {
  std::vector<std::size_t> order(inputs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return inputs[a].display < inputs[b].display;
  });
  return order;
}

// What happened to one input over the rounds, for `--diff` and the summary.
struct Progress {
  std::optional<std::string> before;  // decoded text before the first fix (set once changed)
  std::string after;                  // decoded text after the last fix
  std::size_t fixed = 0;
  bool frozen = false;  // could not be written: not fixed again
};

// A notebook's diff is per cell, as ruff prints it (`--- nb.ipynb:cell 3`), with its magics
// as written; the module's diff when the file on disk is not what was fixed (standard input).
std::string diff_of(const CheckInput& input, const std::string& before, const std::string& after) {
  if (!notebook::is_notebook_path(input.path.native())) {
    return unified_diff(input.display, before, after);
  }
  const SourceText source = read_source(input.path);
  if (!source.notebook || source.notebook->module_text() != before) {
    return unified_diff(input.display, before, after);
  }
  const notebook::CellJoin& cells = source.notebook->cells();
  const std::vector<std::string> old_cells = cells.split(before);
  const std::vector<std::string> new_cells = cells.split(after);
  std::string diff;
  for (std::size_t k = 0; k < old_cells.size(); ++k) {
    const std::string name = input.display + ":cell " + std::to_string(cells.spans()[k].index + 1);
    diff += unified_diff(name, old_cells[k], new_cells[k]);
  }
  return diff;
}

int print_diffs(const CheckOptions& options, const std::vector<CheckInput>& inputs,
                const std::vector<Progress>& progress, const std::vector<CheckOutcome>& outcomes,
                std::ostream& out, std::ostream& err) {
  std::size_t fixed = 0;
  std::size_t changed = 0;
  bool failed = false;
  for (std::size_t i : by_name(inputs)) {
    if (!outcomes[i].error.empty()) {
      err << kPrefix << "error: " << inputs[i].display << ": " << outcomes[i].error << '\n';
      failed = true;
      continue;
    }
    const Progress& p = progress[i];
    if (!p.before || *p.before == p.after) continue;
    out << diff_of(inputs[i], *p.before, p.after);
    fixed += p.fixed;
    ++changed;
  }
  out.flush();
  if (!options.quiet) {
    if (changed == 0) {
      err << "No fixes to apply.\n";
    } else {
      err << "Would fix " << plural(fixed, "diagnostic") << " in " << plural(changed, "file")
          << ".\n";
    }
  }
  if (failed) return kExitError;
  return changed > 0 && !options.exit_zero ? kExitDiagnostics : kExitClean;
}

bool has_fixable(const CheckOutcome& outcome, bool unsafe) {
  return outcome.error.empty() &&
         std::any_of(outcome.diagnostics.begin(), outcome.diagnostics.end(),
                     [&](const OutputDiagnostic& d) { return is_fixable(d, unsafe); });
}

}  // namespace

FixRun run_fixes(const CheckOptions& options, std::vector<CheckInput>& inputs,
                 const config::RuleSelection& overrides, unsigned threads,
                 const PipelineOptions& pipeline, bool from_stdin, std::ostream& out,
                 std::ostream& err) {
  analysis::FixPolicy policy;
  policy.unsafe = options.unsafe_fixes;
  policy.rules = options.fixable_rules;
  // Fixed text stays in memory (never on disk) for --diff and standard input.
  const bool in_memory = options.diff || from_stdin;
  std::vector<Progress> progress(inputs.size());
  FixRun run;
  for (unsigned round = 0;; ++round) {
    // The cache describes files as they are on disk: not what is held in memory.
    PipelineOptions check = pipeline;
    if (in_memory && run.rounds > 0) check.cache = nullptr;
    run.outcomes = check_files(inputs, overrides, threads, check);
    if (round == 0 && options.show_fixes) run.initial = run.outcomes;
    if (round == kMaxFixRounds) break;

    std::vector<bool> candidates(inputs.size(), false);
    bool any = false;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      // The project around a partial run (CheckInput::context) is read, never fixed.
      candidates[i] = !inputs[i].context && !progress[i].frozen &&
                      has_fixable(run.outcomes[i], options.unsafe_fixes);
      any = any || candidates[i];
    }
    if (!any) break;

    std::vector<FixedFile> files = fix_files(inputs, overrides, threads, policy, &candidates,
                                             pipeline.environment, pipeline.library_cache);
    bool changed = false;  // something was fixed
    bool recheck = false;  // or a file was left alone: the report must read it again
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      FixedFile& file = files[i];
      if (!candidates[i] || !file.changed()) continue;
      Progress& p = progress[i];
      if (in_memory) {
        if (!p.before) p.before = file.original;
        p.after = file.fixed;
        p.fixed += file.fixed_count;
        inputs[i].bytes = file.fixed_bytes();
        changed = true;
        continue;
      }
      const WriteResult written =
          replace_file_if_unchanged(inputs[i].path, file.original_bytes(), file.fixed_bytes());
      switch (written.status) {
        case WriteStatus::Written:
          p.fixed += file.fixed_count;
          changed = true;
          break;
        case WriteStatus::ChangedOnDisk:
          err << kPrefix << "warning: " << inputs[i].display << ": " << written.message << '\n';
          p.frozen = true;
          recheck = true;
          break;
        case WriteStatus::Failed:
          run.errors.push_back(inputs[i].display + ": cannot apply fixes: " + written.message);
          p.frozen = true;
          break;
      }
    }
    if (changed) ++run.rounds;
    if (!changed && !recheck) break;
  }

  for (const Progress& p : progress) run.fixed += p.fixed;
  if (options.diff) {
    run.exit_status = print_diffs(options, inputs, progress, run.outcomes, out, err);
  } else if (from_stdin && !inputs.empty() && inputs.front().bytes) {
    run.stdin_output = *inputs.front().bytes;  // fixed or not, like ruff
  }
  return run;
}

}  // namespace lw::server::cli

#include "server/cli/fix_stage.h"

#include <algorithm>
#include <numeric>
#include <ostream>

#include "server/cli/atomic_write.h"
#include "server/cli/exit_status.h"
#include "server/cli/fix_files.h"
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

int print_diffs(const CheckOptions& options, const std::vector<CheckInput>& inputs,
                const std::vector<FixedFile>& files, std::ostream& out, std::ostream& err) {
  std::size_t fixed = 0;
  std::size_t changed = 0;
  bool failed = false;
  for (std::size_t i : by_name(inputs)) {
    const FixedFile& file = files[i];
    if (!file.error.empty()) {
      err << kPrefix << "error: " << inputs[i].display << ": " << file.error << '\n';
      failed = true;
      continue;
    }
    if (!file.changed()) continue;
    out << unified_diff(inputs[i].display, file.original, file.fixed);
    fixed += file.fixed_count;
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
  return changed > 0 ? kExitDiagnostics : kExitClean;
}

}  // namespace

FixStage run_fix_stage(const CheckOptions& options, std::vector<CheckInput>& inputs,
                       const config::RuleSelection& overrides, unsigned threads, bool from_stdin,
                       std::ostream& out, std::ostream& err) {
  analysis::FixPolicy policy;
  policy.unsafe = options.unsafe_fixes;
  std::vector<FixedFile> files = fix_files(inputs, overrides, threads, policy);
  FixStage stage;
  if (options.diff) {
    stage.exit_status = print_diffs(options, inputs, files, out, err);
    return stage;
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    FixedFile& file = files[i];
    if (!file.error.empty()) continue;  // the report names the problem
    if (from_stdin) {
      stage.stdin_output = file.fixed_bytes();
      stage.fixed += file.fixed_count;
      inputs[i].bytes = file.fixed_bytes();
      continue;
    }
    if (file.changed()) {
      WriteResult written =
          replace_file_if_unchanged(inputs[i].path, file.original_bytes(), file.fixed_bytes());
      if (written.status == WriteStatus::Written) {
        stage.fixed += file.fixed_count;
        inputs[i].bytes = file.fixed_bytes();
        continue;
      }
      if (written.status == WriteStatus::ChangedOnDisk) {
        err << kPrefix << "warning: " << inputs[i].display << ": " << written.message << '\n';
      } else {
        stage.errors.push_back(inputs[i].display + ": cannot apply fixes: " + written.message);
      }
    }
    inputs[i].bytes = file.original_bytes();
  }
  return stage;
}

}  // namespace lw::server::cli

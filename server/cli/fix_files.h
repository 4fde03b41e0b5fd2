#pragma once
// The in-memory half of `check --fix` / `--diff`: the inputs to fix are read and decoded, then
// fixed with analysis::fix_all against the workspace index (so that LW109 and cross-file LW201
// see across the files), without writing anything. The index is filled on demand, exactly as
// `check` fills it (on_demand_index.h): an input is summarised only when a fix_all run looked
// its module up, and a run that looked up a module not loaded yet is done again with it; so
// the result is the one against the index of every input, without parsing every input.
// Files that cannot be read or decoded get an error; the others a result, even when no fix
// applies.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "analysis/fixes/fix_all.h"
#include "server/cli/check_pipeline.h"
#include "server/notebook/notebook.h"

namespace lw::server::cli {

struct FixedFile {
  std::string original;  // the decoded text as read (no byte-order mark)
  std::string fixed;     // after the fixes; equal to `original` when none applied
  bool had_bom = false;
  // A notebook: `original` and `fixed` are modules of its cells; the bytes are its JSON.
  std::shared_ptr<const notebook::Notebook> notebook = nullptr;
  std::size_t fixed_count = 0;  // diagnostics whose fix was applied
  std::string error;            // why the file could not be read or decoded

  bool changed() const { return error.empty() && fixed != original; }
  // The bytes on disk that `original` came from (the byte-order mark restored).
  std::string original_bytes() const;
  std::string fixed_bytes() const;
};

// One result per input, in input order; identical for any thread count. Only the inputs with
// `fix_these[i]` set (all when null) are fixed; the others are left empty (read, if at all,
// only for the index).
std::vector<FixedFile> fix_files(const std::vector<CheckInput>& inputs,
                                 const config::RuleSelection& overrides, unsigned threads,
                                 const analysis::FixPolicy& policy,
                                 const std::vector<bool>* fix_these = nullptr,
                                 const workspace::PythonEnvironment* environment = nullptr,
                                 const workspace::LibraryCache* library_cache = nullptr);

}  // namespace lw::server::cli

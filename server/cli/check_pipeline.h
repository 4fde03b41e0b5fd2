#pragma once
// The analysis part of `check`, in two parallel passes over the inputs: (1) read, decode and
// summarise every file into a workspace index; (2) analyse every file against that index, so
// that cross-file rules (LW109) follow calls into the other files being checked. Files that
// cannot be read or decoded get an error instead of diagnostics; nothing throws.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/index/summary.h"
#include "server/cli/output_diagnostic.h"
#include "server/config/configuration.h"

namespace lw::server::cli {

struct CheckInput {
  std::string display;                       // the name shown in output
  std::filesystem::path path;                // absolute; configuration and globs use it
  config::ConfigurationPtr config;           // never null
  analysis::index::ModuleIdentity identity;  // module name; identity.path == display
  std::optional<std::string> bytes;          // the contents when already read (stdin)
};

struct CheckOutcome {
  std::vector<OutputDiagnostic> diagnostics;  // in analysis order
  std::string error;                          // why the file could not be checked
};

// One outcome per input, in input order. Identical for any thread count.
std::vector<CheckOutcome> check_files(const std::vector<CheckInput>& inputs,
                                      const config::RuleSelection& overrides, unsigned threads);

}  // namespace lw::server::cli

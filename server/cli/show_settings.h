#pragma once
// `check --show-settings`: the settings that apply to one file, resolved as a run would use
// them (its configuration file and the files it extends, the command line over them), in
// `key = value` lines with ruff's key names.
#include <filesystem>
#include <ostream>
#include <string>

#include "analysis/config.h"
#include "server/cli/check_options.h"
#include "server/config/configuration.h"

namespace lw::server::cli {

void write_settings(const std::string& display, const config::Configuration& config,
                    const analysis::AnalysisOptions& analysis, const CheckOptions& run,
                    const std::filesystem::path& cache_dir, std::ostream& out);

}  // namespace lw::server::cli

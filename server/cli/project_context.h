#pragma once
// Partial runs see the project. `check app/routes.py` (what pre-commit and on-save checkers
// run) and `check --stdin-filename` must report for those files exactly what a run over the
// whole project reports for them, cross-module findings included. The project root of an
// input is the folder of its nearest configuration file (`loopwarden.toml`, `pyproject.toml`),
// else of its nearest `.git`, `setup.py` or `setup.cfg`. Every Python file discovered below a
// root (same exclusions as any walk; a root whose walk finds none of the inputs, as for a
// `build/` folder inside a repository, is not their project) that is not an input joins the
// run as context: indexed
// and analysed like an input, so every summary is the one of a whole run (and the results
// cache makes it cheap after the first run), but never reported nor fixed.
#include <filesystem>
#include <optional>
#include <vector>

#include "server/cli/check_pipeline.h"
#include "server/cli/file_discovery.h"
#include "server/config/config_loader.h"

namespace lw::server::cli {

// The project root above `file` (absolute), if any.
std::optional<std::filesystem::path> project_root(const std::filesystem::path& file);

// The files of the inputs' projects that are not inputs, shown relative to the current
// folder (as a whole run from there would show them).
std::vector<DiscoveredFile> project_context(const std::vector<CheckInput>& inputs,
                                            config::ConfigLoader& loader);

}  // namespace lw::server::cli

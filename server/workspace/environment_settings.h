#pragma once
// The settings that find a project's Python environment (python_environment.h), from its
// configuration file and, in the editor, the editor's settings over them: one place for
// `check` and the language server.
#include <filesystem>

#include "server/config/settings.h"
#include "server/workspace/python_environment.h"

namespace lw::server::workspace {

// `python`, `extra-paths` and `exclude-libraries` of `file` (paths relative to `base`, the
// configuration's folder), then those of `editor` (relative to `editor_root`, the workspace
// folder): the editor's `python` wins, extra paths and exclusions add up. `python = "none"`
// stays "none".
EnvironmentSettings environment_settings(const config::Settings& file,
                                         const std::filesystem::path& base,
                                         const config::Settings* editor = nullptr,
                                         const std::filesystem::path& editor_root = {});

}  // namespace lw::server::workspace

#pragma once
// ruff's `extend`: a configuration file inherits the settings of another one (its path
// relative to the inheriting file's folder), which may itself extend a third.
#include <filesystem>

#include "server/config/settings.h"
#include "server/config/settings_parser.h"

namespace lw::server::config {

// `child` (its keys as given) over `base`, the settings of the file it extends, which lives in
// `base_folder`. Scalars the child gives replace the base's; `extend-*` lists add to the
// base's; a `select` starts a new selection (the base's `select`, `extend-select` and
// `ignore` no longer count, as a new layer of ruff's); relative paths of the base (`cache-dir`,
// `python`, `extra-paths`) are made absolute from its folder.
Settings inherit_settings(Settings base, const std::filesystem::path& base_folder,
                          const ParsedSettings& child);

}  // namespace lw::server::config

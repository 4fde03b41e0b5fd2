#pragma once
// Editor settings (`workspace/didChangeConfiguration`, section `loopwarden`): the same keys and
// the same strict validation as the TOML files. Positions are unknown, so errors read
// "<origin>: message".
#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "server/config/settings_parser.h"

namespace lw::server::config {

// `settings` must be an object (null counts as empty); a null value means "not set" (editors
// send null for settings left at their default). Keys the client keeps for itself (the VS Code
// extension's `path`, `args`, `trace`) must be removed by the caller: any other key is an
// error. Globs are relative to whatever root the caller gives the resulting Configuration
// (e.g. the workspace folder).
ParsedSettings parse_settings_json(const nlohmann::json& settings, std::string_view origin);

}  // namespace lw::server::config

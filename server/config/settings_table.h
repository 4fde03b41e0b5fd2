#pragma once
// Internal to server/config: validation of an already parsed TOML table, shared by the TOML
// file parser and the editor settings (JSON converted to a table). Includes toml++, which only
// lw_server's own sources are compiled for.
#include <toml++/toml.h>

#include <string_view>

#include "server/config/settings_parser.h"

namespace lw::server::config {

// `section` names the table in messages ("tool.loopwarden"; empty for a file's top level).
ParsedSettings validate_settings_table(const toml::table& table, std::string_view display_path,
                                       std::string_view section);

}  // namespace lw::server::config

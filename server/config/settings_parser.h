#pragma once
// TOML text -> validated Settings. Strict: an unknown key, a value of the wrong type, an unknown
// rule code or prefix, a bad severity or a malformed glob is an error with its file position.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/config/config_error.h"
#include "server/config/settings.h"

namespace lw::server::config {

enum class ConfigFileKind {
  LoopwardenToml,  // keys at the top level
  PyprojectToml,   // keys under [tool.loopwarden]
};

struct ParsedSettings {
  Settings settings;                // defaults where errors were found
  std::vector<ConfigError> errors;  // empty when valid
  bool has_section = true;          // false: a pyproject.toml without [tool.loopwarden]
  std::vector<std::string> keys;    // the keys given, as spelled (`extend-select`, ...)
};

// `--config KEY=VALUE` (ruff's meaning): every key `overrides` gives replaces what `base` has
// for it (`extend-*` keys replace the list they extend).
void apply_overrides(Settings& base, const ParsedSettings& overrides);

// `display_path` names the file in error messages.
ParsedSettings parse_settings(std::string_view toml_text, std::string_view display_path,
                              ConfigFileKind kind);

// ruff's `target-version` values, py37 to py314: the minor version of Python 3.
inline constexpr int kOldestTargetMinor = 7;
inline constexpr int kNewestTargetMinor = 14;
std::optional<int> parse_target_version(std::string_view name);
// The oldest Python 3 minor version a PEP 440 `requires-python` allows (`>=3.9,<4`: 9).
std::optional<int> requires_python_minimum(std::string_view specifiers);

// A selector as the user may spell it, in the catalog's spelling: codes are case-insensitive
// (`lw102`) and `ALL` is every rule (`LW`).
std::string normalize_rule_selector(std::string_view selector);

// True when `selector` is a well-formed code or prefix ("LW", "LW1", "LW102") that names at
// least one rule of the catalog.
bool is_valid_rule_selector(std::string_view selector);

}  // namespace lw::server::config

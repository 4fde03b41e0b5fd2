#pragma once
// A problem in a configuration file (or in settings sent by an editor), with the place it
// comes from. Rendered as "path:line:column: message" (the position is left out when unknown).
#include <cstdint>
#include <string>

namespace lw::server::config {

struct ConfigError {
  std::string path;        // as shown to the user; may be empty for editor settings
  std::uint32_t line = 0;  // 1-based; 0 when unknown
  std::uint32_t column = 0;
  std::string message;

  std::string to_string() const;
  friend bool operator==(const ConfigError&, const ConfigError&) = default;
};

}  // namespace lw::server::config

#include "server/config/config_error.h"

namespace lw::server::config {

std::string ConfigError::to_string() const {
  std::string out = path;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  if (!out.empty()) out += ": ";
  out += message;
  return out;
}

}  // namespace lw::server::config

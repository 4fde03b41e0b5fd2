#pragma once
// The server's logger: spdlog's default logger, writing to stderr or to a file, never to
// stdout (which carries protocol frames only).
#include <string>

namespace lw::server {

// Replaces spdlog's default logger. Falls back to stderr (and says so) when the file cannot
// be opened. `level`: trace, debug, info, warn, error, critical, off.
void setup_server_logging(const std::string& log_file, const std::string& level);

}  // namespace lw::server

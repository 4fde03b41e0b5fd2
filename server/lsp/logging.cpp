#include "server/lsp/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace lw::server {

void setup_server_logging(const std::string& log_file, const std::string& level) {
  std::shared_ptr<spdlog::logger> logger;
  std::string file_error;
  if (!log_file.empty()) {
    try {
      logger = std::make_shared<spdlog::logger>(
          "loopwarden", std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_file));
    } catch (const spdlog::spdlog_ex& e) {
      file_error = e.what();
    }
  }
  if (!logger) {
    logger = std::make_shared<spdlog::logger>("loopwarden",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>());
  }
  logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
  const auto parsed = spdlog::level::from_str(level);
  const bool known = parsed != spdlog::level::off || level == "off";
  logger->set_level(known ? parsed : spdlog::level::info);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  if (!file_error.empty())
    spdlog::error("cannot log to {}: {}; logging to stderr", log_file, file_error);
  if (!known) spdlog::warn("unknown log level '{}': using info", level);
}

}  // namespace lw::server

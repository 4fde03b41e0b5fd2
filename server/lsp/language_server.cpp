#include "server/lsp/language_server.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <csignal>
#include <exception>
#include <optional>

#include "server/lsp/logging.h"
#include "server/lsp/lsp_server.h"
#include "server/lsp/scheduler.h"
#include "server/lsp/stdio_transport.h"

namespace lw::server {

int run_language_server(const ServerOptions& options) {
  setup_server_logging(options.log_file, options.log_level);
  std::signal(SIGPIPE, SIG_IGN);  // a vanished client is a write error, not a kill
  spdlog::info("loopwarden {} language server starting (pid {})", LW_VERSION, ::getpid());

  asio::io_context io;
  std::optional work = asio::make_work_guard(io);
  StdioTransport transport(STDIN_FILENO, STDOUT_FILENO);
  Scheduler scheduler([&io](Scheduler::Task task) { asio::post(io, std::move(task)); });
  LspServer server(transport, scheduler, [&] {
    work.reset();
    io.stop();
  });

  transport.start(
      [&io, &server](std::string body) {
        asio::post(io, [&server, body = std::move(body)] { server.on_message(body); });
      },
      [&io, &server] { asio::post(io, [&server] { server.on_input_closed(); }); });

  while (true) {
    try {
      io.run();
      break;
    } catch (const std::exception& e) {  // handlers catch their own; this is a last resort
      spdlog::error("unexpected error in the server loop: {}", e.what());
    }
  }
  transport.stop();
  const int code = server.exit_code();
  spdlog::info("language server stopped (exit code {})", code);
  spdlog::default_logger()->flush();
  return code;
}

}  // namespace lw::server

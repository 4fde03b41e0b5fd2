#include "server/lsp/language_server.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/thread_pool.hpp>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <thread>

#include "protocol/jsonrpc.h"
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
  // Analyses and indexing: at least two workers, so that indexing a workspace never holds up
  // the analysis of an open document.
  asio::thread_pool workers(std::max(2U, std::thread::hardware_concurrency()));
  // Background tasks posted and not finished (queued ones included).
  std::atomic<std::size_t> background_tasks = 0;
  Scheduler scheduler(Scheduler::Hooks{
      .post = [&io](Scheduler::Task task) { asio::post(io, std::move(task)); },
      .post_after =
          [&io](std::chrono::milliseconds delay, Scheduler::Task task) {
            auto timer = std::make_shared<asio::steady_timer>(io, delay);
            timer->async_wait([timer, task = std::move(task)](const asio::error_code& error) {
              if (!error) task();
            });
          },
      .background =
          [&workers, &background_tasks](Scheduler::Task task) {
            ++background_tasks;
            asio::post(workers, [&background_tasks, task = std::move(task)] {
              task();
              --background_tasks;
            });
          },
  });
  LspServer server(
      transport, scheduler,
      [&] {
        work.reset();
        io.stop();
      },
      LspServerOptions{.debounce = std::chrono::milliseconds{options.debounce_ms},
                       .instant_analysis = options.adaptive_debounce
                                               ? LspServerOptions{}.instant_analysis
                                               : std::chrono::microseconds{0}});

  transport.start(
      [&io, &server, &transport](std::string body) {
        // Parsed here, on the reader thread: the main loop only dispatches.
        auto message = std::make_shared<protocol::Message>(protocol::parse_message(body));
        asio::post(io, [&server, &transport, message, bytes = body.size()] {
          struct Processed {  // counted down even if the handler throws
            StdioTransport& transport;
            std::size_t bytes;
            ~Processed() { transport.processed(bytes); }
          } processed{transport, bytes};
          server.on_parsed_message(*message);
        });
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
  // The replies already queued (shutdown's) get a moment to reach a client that reads; one
  // that does not read cannot hold the process (stop() abandons the write).
  transport.stop();
  const int code = server.exit_code();
  // Workers may still be running an analysis (they post into `io`, which no longer runs).
  // A long one (a huge document) is not waited for: the end of input ends the process now.
  workers.stop();
  if (background_tasks > 0) {
    spdlog::info("language server stopped (exit code {}), {} background tasks abandoned", code,
                 background_tasks.load());
    spdlog::default_logger()->flush();
    std::_Exit(code);
  }
  workers.join();
  spdlog::info("language server stopped (exit code {})", code);
  spdlog::default_logger()->flush();
  return code;
}

}  // namespace lw::server

// Fuzz target: the whole language server in-process. The input is a byte stream from the
// client: it is cut into frames by protocol::FrameDecoder and every body goes to
// LspServer::on_message (an input that starts with '{' or '[' is taken as one body per line
// instead, so that mutations of the JSON do not break the framing), with a memory transport and a
// task queue standing in for stdout and the io_context. Properties: no crash, no exception escapes;
// every outgoing message is a well-formed JSON-RPC message; each request (and each invalid message
// that deserves a reply) gets exactly one response and nothing else does; published diagnostics
// carry the open document's version and ranges inside it; nothing is sent after the server stopped.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "protocol/framing.h"
#include "protocol/jsonrpc.h"
#include "server/lsp/lsp_server.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/server/in_process_server.h"

namespace {

namespace p = lw::protocol;
using p::json;

using lw::server::testing::MemoryTransport;
using lw::server::testing::TaskQueue;

bool is_response(const json& m) { return m.contains("id") && !m.contains("method"); }

void check_outgoing(const json& m, const lw::server::LspServer& server) {
  const std::string text = p::serialize(m);
  LW_FUZZ_CHECK(m.is_object() && m.value("jsonrpc", "") == "2.0", text);
  if (is_response(m)) {
    LW_FUZZ_CHECK(m.contains("result") != m.contains("error"), text);
    if (m.contains("error")) {
      LW_FUZZ_CHECK(m["error"]["code"].is_number_integer() && m["error"]["message"].is_string(),
                    text);
    }
    return;
  }
  LW_FUZZ_CHECK(m["method"].is_string(), text);
  if (m["method"] != "textDocument/publishDiagnostics") return;
  const json& params = m["params"];
  const auto* doc = server.documents().find(params["uri"].get<std::string>());
  if (doc == nullptr) {  // closed: only the empty publication
    LW_FUZZ_CHECK(params["diagnostics"].empty(), text);
    return;
  }
  if (params.contains("version")) LW_FUZZ_CHECK(params["version"] == doc->version, text);
  for (const json& d : params["diagnostics"]) {
    const json& r = d["range"];
    const auto sl = r["start"]["line"].get<std::uint32_t>();
    const auto sc = r["start"]["character"].get<std::uint32_t>();
    const auto el = r["end"]["line"].get<std::uint32_t>();
    const auto ec = r["end"]["character"].get<std::uint32_t>();
    LW_FUZZ_CHECK(sl < el || (sl == el && sc <= ec), text);
    LW_FUZZ_CHECK(el < doc->lines.line_count(), text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool quiet = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)quiet;

  MemoryTransport transport;
  TaskQueue queue;
  lw::server::Scheduler scheduler(
      [&queue](lw::server::Scheduler::Task t) { queue.post(std::move(t)); });
  bool stopped = false;
  lw::server::LspServer server(transport, scheduler, [&stopped] { stopped = true; });

  const std::string_view input(reinterpret_cast<const char*>(data), size);  // NOLINT
  std::vector<std::string> bodies;
  if (!input.empty() && (input.front() == '{' || input.front() == '[')) {
    for (std::size_t start = 0; start <= input.size();) {
      const std::size_t end = std::min(input.find('\n', start), input.size());
      bodies.emplace_back(input.substr(start, end - start));
      start = end + 1;
    }
  } else {
    p::FrameDecoder decoder;
    decoder.feed(input);
    while (auto frame = decoder.next()) {
      if (auto* body = std::get_if<std::string>(&*frame)) bodies.push_back(std::move(*body));
    }
  }

  for (const std::string& line : bodies) {
    const std::string* body = &line;
    const bool was_stopped = stopped;
    const p::Message message = p::parse_message(*body);
    std::size_t expected_responses = 0;
    if (std::holds_alternative<p::Request>(message)) expected_responses = 1;
    if (const auto* bad = std::get_if<p::InvalidMessage>(&message); bad && bad->reply) {
      expected_responses = 1;
    }

    server.on_message(*body);
    queue.run();
    const auto sent = transport.take();
    if (was_stopped) {
      LW_FUZZ_CHECK(sent.empty(), "output after the server stopped");
      continue;
    }
    std::size_t responses = 0;
    for (const json& m : sent) {
      check_outgoing(m, server);
      if (is_response(m)) ++responses;
    }
    LW_FUZZ_CHECK(responses == expected_responses, *body);
  }
  if (!stopped) {
    server.on_input_closed();
    queue.run();
    LW_FUZZ_CHECK(stopped);
  }
  for (const json& m : transport.take()) check_outgoing(m, server);
  LW_FUZZ_CHECK(server.exit_code() == 0 || server.exit_code() == 1);
  return 0;
}

// The LSP layer in-process: a memory transport and a task queue run by the test.
#include "server/lsp/lsp_server.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/server/in_process_server.h"

namespace lw::server {
namespace {

using json = nlohmann::json;

using testing::MemoryTransport;
using testing::TaskQueue;

class LspServerTest : public ::testing::Test {
 protected:
  TaskQueue queue;
  MemoryTransport transport;
  Scheduler scheduler{[this](Scheduler::Task task) { queue.post(std::move(task)); }};
  bool stopped = false;
  LspServer server{transport, scheduler, [this] { stopped = true; }};

  std::vector<json> send(const json& message) {
    server.on_message(message.dump());
    queue.run();
    return transport.take();
  }
  std::vector<json> request(int id, const std::string& method, json params = json::object()) {
    return send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
  }
  std::vector<json> notify(const std::string& method, json params = json::object()) {
    return send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  void initialize() {
    const auto out =
        request(1, "initialize", {{"processId", nullptr}, {"capabilities", json::object()}});
    ASSERT_EQ(out.size(), 1U);
    ASSERT_TRUE(out[0].contains("result")) << out[0].dump();
  }
  static json open_params(int version, const std::string& text) {
    return {{"textDocument",
             {{"uri", "file:///a.py"},
              {"languageId", "python"},
              {"version", version},
              {"text", text}}}};
  }
};

TEST_F(LspServerTest, LifecycleErrors) {
  auto out = request(5, "textDocument/hover");
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0]["id"], 5);
  EXPECT_EQ(out[0]["error"]["code"], -32002);

  initialize();
  out = request(2, "no/such");
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0]["error"]["code"], -32601);

  out = request(3, "shutdown");
  ASSERT_EQ(out.size(), 1U);
  EXPECT_TRUE(out[0]["result"].is_null());
  out = request(4, "no/such");
  EXPECT_EQ(out[0]["error"]["code"], -32600);

  EXPECT_FALSE(stopped);
  EXPECT_TRUE(notify("exit").empty());
  EXPECT_TRUE(stopped);
  EXPECT_EQ(server.exit_code(), 0);
}

TEST_F(LspServerTest, ExitWithoutShutdownAndEndOfInput) {
  initialize();
  server.on_input_closed();
  EXPECT_TRUE(stopped);
  EXPECT_EQ(server.exit_code(), 1);
  // Nothing is processed after the end.
  EXPECT_TRUE(request(9, "shutdown").empty());
}

TEST_F(LspServerTest, InvalidParamsNamesTheField) {
  const auto out = request(1, "initialize", {{"processId", "x"}});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0]["error"]["code"], -32602);
  EXPECT_EQ(out[0]["error"]["message"],
            "invalid params for initialize: params.processId: expected an integer, got string");
}

TEST_F(LspServerTest, PublishesDiagnosticsWithVersion) {
  initialize();
  const auto out = notify("textDocument/didOpen",
                          open_params(3, "import time\nasync def f():\n    time.sleep(1)\n"));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0]["method"], "textDocument/publishDiagnostics");
  EXPECT_EQ(out[0]["params"]["version"], 3);
  ASSERT_EQ(out[0]["params"]["diagnostics"].size(), 1U);
  EXPECT_EQ(out[0]["params"]["diagnostics"][0]["code"], "LW102");
}

TEST_F(LspServerTest, PublishesSyntaxErrorsWithTheOtherDiagnostics) {
  initialize();
  // A broken call in one function; the blocking call below still gets its finding, and a
  // `# noqa` does not silence the syntax error.
  const auto out = notify("textDocument/didOpen", open_params(1,
                                                              "import time\n"
                                                              "async def f(client):\n"
                                                              "    r = await client.get(1  # noqa\n"
                                                              "    return r\n"
                                                              "async def g():\n"
                                                              "    time.sleep(1)\n"));
  ASSERT_EQ(out.size(), 1U);
  const json& diagnostics = out[0]["params"]["diagnostics"];
  std::vector<std::string> codes;
  for (const json& d : diagnostics) codes.push_back(d["code"].get<std::string>());
  EXPECT_EQ(codes, (std::vector<std::string>{"LW001", "LW102"})) << diagnostics.dump();
  const json& syntax = diagnostics[0];
  EXPECT_EQ(syntax["severity"], 1);  // Error
  EXPECT_EQ(syntax["range"]["start"]["line"], 2);
  EXPECT_NE(syntax["message"].get<std::string>().find("syntax error"), std::string::npos);
  EXPECT_EQ(diagnostics[1]["range"]["start"]["line"], 5);

  // Fixed: the syntax error goes away with the next version.
  const auto fixed = notify(
      "textDocument/didChange",
      {{"textDocument", {{"uri", "file:///a.py"}, {"version", 2}}},
       {"contentChanges", {{{"text", "import time\nasync def g():\n    time.sleep(1)\n"}}}}});
  ASSERT_EQ(fixed.size(), 1U);
  ASSERT_EQ(fixed[0]["params"]["diagnostics"].size(), 1U);
  EXPECT_EQ(fixed[0]["params"]["diagnostics"][0]["code"], "LW102");
}

TEST_F(LspServerTest, BurstOfChangesIsAnalysedOnce) {
  initialize();
  notify("textDocument/didOpen", open_params(1, "x = 1\n"));
  // Two changes queued before the analysis runs: one publication, for the latest version.
  for (int v = 2; v <= 3; ++v) {
    server.on_message(json{{"jsonrpc", "2.0"},
                           {"method", "textDocument/didChange"},
                           {"params",
                            {{"textDocument", {{"uri", "file:///a.py"}, {"version", v}}},
                             {"contentChanges", {{{"text", "y = " + std::to_string(v) + "\n"}}}}}}}
                          .dump());
  }
  queue.run();
  const auto out = transport.take();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0]["params"]["version"], 3);
}

TEST_F(LspServerTest, CloseCancelsPendingAnalysisAndClears) {
  initialize();
  server.on_message(json{
      {"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"}, {"params", open_params(1, "x\n")}}
                        .dump());
  const auto out = notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///a.py"}}}});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0]["params"]["diagnostics"], json::array());
  EXPECT_FALSE(out[0]["params"].contains("version"));
  EXPECT_EQ(server.documents().size(), 0U);
}

TEST_F(LspServerTest, ResponsesFromTheClientAreIgnored) {
  initialize();
  EXPECT_TRUE(send({{"jsonrpc", "2.0"}, {"id", 77}, {"result", nullptr}}).empty());
}

}  // namespace
}  // namespace lw::server

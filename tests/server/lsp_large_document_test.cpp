// A huge document never blocks the server's main loop (the real binary over pipes): over
// `max-document-size` (4 MB by default) it is skipped with a window/showMessage and empty
// diagnostics; under a raised limit it is parsed and analysed on a worker while shutdown,
// hover and other documents are answered at once.
#include <gtest/gtest.h>

#include <string>

#include "tests/server/lsp_client.h"

namespace lw::test {
namespace {

constexpr const char* kSource = "import time\nasync def handler():\n    time.sleep(1)\n";

const json kCodeActionCapabilities = {
    {"textDocument",
     {{"codeAction",
       {{"codeActionLiteralSupport", {{"codeActionKind", {{"valueSet", {"quickfix"}}}}}}}}}}};

void initialize(LspProcess& server, json options = nullptr, json capabilities = json::object()) {
  json params{{"processId", nullptr}, {"capabilities", std::move(capabilities)}};
  if (!options.is_null()) params["initializationOptions"] = std::move(options);
  const int id = server.request("initialize", params);
  const auto response = server.wait_response(id);
  ASSERT_TRUE(response && response->contains("result")) << server.log();
  server.notify("initialized", json::object());
}

// 20 MB of code: functions with loops (no finding), the analysis of which takes long.
std::string twenty_megabytes() {
  std::string text = "import time\n";
  const std::string piece =
      "def compute(values):\n    total = 0\n    for v in values:\n"
      "        total += v * 2  # é😀\n    return total\n\n";
  text.reserve((std::size_t{20} << 20U) + piece.size());
  while (text.size() < (std::size_t{20} << 20U)) text += piece;
  return text;
}

json hover_params(const std::string& uri) {
  return {{"textDocument", {{"uri", uri}}}, {"position", position(0, 3)}};
}

bool is_method(const json& m, const std::string& method) { return m.value("method", "") == method; }

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

TEST(LspLargeDocument, OverTheLimitItIsSkippedWithAMessage) {
  LspProcess server({"server", "--log-level", "info"});
  initialize(server, nullptr, kCodeActionCapabilities);
  const std::string uri = "file:///large/huge.py";
  const auto start = std::chrono::steady_clock::now();
  server.notify("textDocument/didOpen", did_open(uri, 1, twenty_megabytes()));
  const int hover = server.request("textDocument/hover", hover_params(uri));
  const auto message =
      server.wait_for([](const json& m) { return is_method(m, "window/showMessage"); }, 10s);
  ASSERT_TRUE(message) << server.log();
  EXPECT_NE((*message)["params"]["message"].get<std::string>().find("not analysed"),
            std::string::npos);
  EXPECT_NE((*message)["params"]["message"].get<std::string>().find("max-document-size"),
            std::string::npos);
  const auto published = server.wait_diagnostics(uri, 1, 10s);
  ASSERT_TRUE(published) << server.log();
  EXPECT_TRUE((*published)["params"]["diagnostics"].empty());
  ASSERT_TRUE(server.wait_response(hover, 10s)) << server.log();

  // Another document is analysed as usual, and an edit of the huge one is skipped silently.
  server.notify("textDocument/didOpen", did_open("file:///large/small.py", 1, kSource));
  const auto small = server.wait_diagnostics("file:///large/small.py", 1, 10s);
  ASSERT_TRUE(small) << server.log();
  EXPECT_EQ((*small)["params"]["diagnostics"].size(), 1U);
  server.notify("textDocument/didChange",
                did_change(uri, 2, json::array({edit(range(0, 0, 0, 0), "# x\n")})));
  ASSERT_TRUE(server.wait_diagnostics(uri, 2, 10s)) << server.log();
  // A code action within the debounce after an edit is not an analysis on the main loop.
  server.notify("textDocument/didChange",
                did_change(uri, 3, json::array({edit(range(0, 0, 0, 0), "# y\n")})));
  const auto action_asked = std::chrono::steady_clock::now();
  const int action =
      server.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}},
                                                 {"range", range(1, 0, 1, 0)},
                                                 {"context", {{"diagnostics", json::array()}}}});
  const auto actions = server.wait_response(action, 10s);
  ASSERT_TRUE(actions) << server.log();
  EXPECT_EQ((*actions)["result"], json::array());
  EXPECT_LT(since(action_asked).count(), 2000);

  const auto asked = std::chrono::steady_clock::now();
  const int id = server.request("shutdown");
  ASSERT_TRUE(server.wait_response(id, 10s)) << server.log();
  EXPECT_LT(since(asked).count(), 2000);
  server.notify("exit");
  EXPECT_EQ(server.wait_exit(5s), 0) << server.log();
  EXPECT_FALSE(server.wait_for([](const json& m) { return is_method(m, "window/showMessage"); },
                               0ms));  // told once
  std::printf("20 MB document skipped: everything answered %lld ms after didOpen\n",
              static_cast<long long>(since(start).count()));
}

TEST(LspLargeDocument, UnderARaisedLimitItIsAnalysedOffTheMainLoop) {
  LspProcess server({"server", "--log-level", "info"});
  initialize(server, {{"max-document-size", 64 << 20}});
  const std::string uri = "file:///large/huge.py";
  server.notify("textDocument/didOpen", did_open(uri, 1, twenty_megabytes()));
  // While it is parsed and analysed: other documents, hover and shutdown are answered.
  const auto start = std::chrono::steady_clock::now();
  server.notify("textDocument/didOpen", did_open("file:///large/small.py", 1, kSource));
  const auto small = server.wait_diagnostics("file:///large/small.py", 1, 10s);
  ASSERT_TRUE(small) << server.log();
  EXPECT_EQ((*small)["params"]["diagnostics"].size(), 1U);
  const int hover = server.request("textDocument/hover", hover_params(uri));
  ASSERT_TRUE(server.wait_response(hover, 10s)) << server.log();
  const auto answered = since(start);
  EXPECT_FALSE(server.wait_diagnostics(uri, 1, 0ms)) << "the analysis was too quick to test";
  EXPECT_FALSE(
      server.wait_for([](const json& m) { return is_method(m, "window/showMessage"); }, 0ms));
  const auto asked = std::chrono::steady_clock::now();
  const int id = server.request("shutdown");
  ASSERT_TRUE(server.wait_response(id, 10s)) << server.log();
  const auto shutdown_took = since(asked);
  EXPECT_LT(shutdown_took.count(), 2000) << server.log();
  const auto exiting = std::chrono::steady_clock::now();
  server.notify("exit");
  EXPECT_EQ(server.wait_exit(5s), 0) << server.log();
  EXPECT_LT(since(exiting).count(), 1000) << server.log();
  std::printf("20 MB document analysed: other document + hover %lld ms, shutdown %lld ms\n",
              static_cast<long long>(answered.count()),
              static_cast<long long>(shutdown_took.count()));
}

}  // namespace
}  // namespace lw::test

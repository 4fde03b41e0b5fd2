// End-to-end: the real `loopwarden server` binary, spoken to over pipes.
#include <gtest/gtest.h>

#include "tests/server/lsp_client.h"

namespace lw::test {
namespace {

constexpr const char* kUri = "file:///tmp/lw_e2e/handler.py";
constexpr const char* kSource = "import time\nasync def handler():\n    time.sleep(1)\n";

json initialize_params(json general = json::object()) {
  json publish = {{"relatedInformation", true},
                  {"versionSupport", true},
                  {"tagSupport", {{"valueSet", {1, 2}}}}};
  json capabilities = {{"general", std::move(general)},
                       {"textDocument", {{"publishDiagnostics", std::move(publish)}}}};
  return {{"processId", nullptr},
          {"rootUri", nullptr},
          {"clientInfo", {{"name", "lsp_e2e_test"}}},
          {"capabilities", std::move(capabilities)}};
}

// Starts the server and completes initialize/initialized.
json initialize(LspProcess& server, json general = json::object()) {
  const int id = server.request("initialize", initialize_params(std::move(general)));
  auto response = server.wait_response(id);
  if (!response) throw std::runtime_error("no initialize response; log:\n" + server.log());
  server.notify("initialized", json::object());
  return *response;
}

const json* find_code(const json& publish, const std::string& code) {
  for (const json& d : publish["params"]["diagnostics"]) {
    if (d.value("code", "") == code) return &d;
  }
  return nullptr;
}

// The LW102 range of `time.sleep(1)` starting at (line, start): the analysis reports either
// the callee `time.sleep` (INTERFACES' fix edit) or the whole call `time.sleep(1)` (its
// JSON example); both are accepted, the start is exact.
void expect_sleep_call_range(const json& diagnostic, int line, int start) {
  const json& r = diagnostic["range"];
  EXPECT_EQ(r["start"], json({{"line", line}, {"character", start}})) << diagnostic.dump();
  EXPECT_EQ(r["end"]["line"], line) << diagnostic.dump();
  const int end = r["end"]["character"].get<int>();
  EXPECT_TRUE(end == start + 10 || end == start + 13) << diagnostic.dump();
}

void shutdown_and_exit(LspProcess& server, int expected_code = 0) {
  const int id = server.request("shutdown");
  const auto response = server.wait_response(id);
  ASSERT_TRUE(response) << server.log();
  ASSERT_TRUE(response->contains("result"));
  EXPECT_TRUE((*response)["result"].is_null());
  server.notify("exit");
  EXPECT_EQ(server.wait_exit(), expected_code) << server.log();
}

TEST(LspEndToEnd, FullSessionWithIncrementalEditsInUtf16) {
  LspProcess server;
  const json init = initialize(server);
  const json& result = init["result"];
  EXPECT_EQ(result["capabilities"]["positionEncoding"], "utf-16");
  EXPECT_EQ(result["capabilities"]["textDocumentSync"],
            json::parse(R"({"openClose":true,"change":2,"save":true})"));
  EXPECT_EQ(result["serverInfo"]["name"], "loopwarden");
  EXPECT_EQ(result["serverInfo"]["version"], LW_VERSION);

  server.notify("textDocument/didOpen", did_open(kUri, 1, kSource));
  auto published = server.wait_diagnostics(kUri, 1);
  ASSERT_TRUE(published) << server.log();
  const json* lw102 = find_code(*published, "LW102");
  ASSERT_NE(lw102, nullptr) << published->dump(2);
  expect_sleep_call_range(*lw102, 2, 4);
  EXPECT_EQ((*lw102)["severity"], 2);
  EXPECT_EQ((*lw102)["source"], "loopwarden");
  EXPECT_EQ((*lw102)["codeDescription"]["href"],
            "https://github.com/loopwarden/loopwarden/blob/main/docs/rules/LW102.md");
  EXPECT_EQ((*lw102)["data"]["rule"], "LW102");
  EXPECT_NE((*lw102)["message"].get<std::string>().find("time.sleep"), std::string::npos);

  // v2: remove the call ("time.sleep(1)" -> "pass").
  server.notify("textDocument/didChange", did_change(kUri, 2, {edit(range(2, 4, 2, 17), "pass")}));
  published = server.wait_diagnostics(kUri, 2);
  ASSERT_TRUE(published) << server.log();
  EXPECT_EQ(published->at("params").at("diagnostics"), json::array()) << published->dump(2);

  // v3: an emoji before the call on the same line; UTF-16 counts it as two units.
  server.notify("textDocument/didChange",
                did_change(kUri, 3, {edit(range(2, 4, 2, 8), "x = \"😀\"; time.sleep(1)")}));
  published = server.wait_diagnostics(kUri, 3);
  ASSERT_TRUE(published) << server.log();
  lw102 = find_code(*published, "LW102");
  ASSERT_NE(lw102, nullptr) << published->dump(2);
  expect_sleep_call_range(*lw102, 2, 14);

  // v4: incoming positions after the emoji are UTF-16 too: delete "time." (14..19).
  server.notify("textDocument/didChange", did_change(kUri, 4, {edit(range(2, 14, 2, 19), "")}));
  published = server.wait_diagnostics(kUri, 4);
  ASSERT_TRUE(published) << server.log();
  EXPECT_EQ(find_code(*published, "LW102"), nullptr) << published->dump(2);

  // v5: two changes in one notification, applied in order: put "time." back, then rename
  // the function on line 1.
  server.notify(
      "textDocument/didChange",
      did_change(kUri, 5, {edit(range(2, 14, 2, 14), "time."), edit(range(1, 10, 1, 17), "h")}));
  published = server.wait_diagnostics(kUri, 5);
  ASSERT_TRUE(published) << server.log();
  lw102 = find_code(*published, "LW102");
  ASSERT_NE(lw102, nullptr) << published->dump(2);
  expect_sleep_call_range(*lw102, 2, 14);

  // didClose clears the diagnostics.
  server.notify("textDocument/didClose", {{"textDocument", {{"uri", kUri}}}});
  published = server.wait_diagnostics(kUri);
  ASSERT_TRUE(published) << server.log();
  EXPECT_EQ(published->at("params").at("diagnostics"), json::array());

  shutdown_and_exit(server, 0);
}

TEST(LspEndToEnd, NegotiatesUtf8WhenOffered) {
  LspProcess server;
  const json init = initialize(server, {{"positionEncodings", {"utf-8", "utf-16"}}});
  EXPECT_EQ(init["result"]["capabilities"]["positionEncoding"], "utf-8");
  server.notify(
      "textDocument/didOpen",
      did_open(kUri, 7, "import time\nasync def handler():\n    x = \"😀\"; time.sleep(1)\n"));
  const auto published = server.wait_diagnostics(kUri, 7);
  ASSERT_TRUE(published) << server.log();
  const json* lw102 = find_code(*published, "LW102");
  ASSERT_NE(lw102, nullptr) << published->dump(2);
  expect_sleep_call_range(*lw102, 2, 16);
  shutdown_and_exit(server, 0);
}

TEST(LspEndToEnd, FullTextChangeAndCrlf) {
  LspProcess server;
  initialize(server);
  server.notify("textDocument/didOpen", did_open(kUri, 1, "x = 1\n"));
  ASSERT_TRUE(server.wait_diagnostics(kUri, 1)) << server.log();
  server.notify(
      "textDocument/didChange",
      did_change(kUri, 2,
                 {{{"text", "import time\r\nasync def handler():\r\n    time.sleep(1)\r\n"}}}));
  const auto published = server.wait_diagnostics(kUri, 2);
  ASSERT_TRUE(published) << server.log();
  const json* lw102 = find_code(*published, "LW102");
  ASSERT_NE(lw102, nullptr) << published->dump(2);
  expect_sleep_call_range(*lw102, 2, 4);
  shutdown_and_exit(server, 0);
}

TEST(LspEndToEnd, ExitWithoutShutdownExitsWithOne) {
  LspProcess server;
  initialize(server);
  server.notify("exit");
  EXPECT_EQ(server.wait_exit(), 1) << server.log();
}

TEST(LspEndToEnd, ExitBeforeInitializeExitsWithOne) {
  LspProcess server;
  server.notify("exit");
  EXPECT_EQ(server.wait_exit(), 1) << server.log();
}

TEST(LspEndToEnd, EndOfInputEndsTheServer) {
  {
    LspProcess server;
    initialize(server);
    server.close_input();
    EXPECT_EQ(server.wait_exit(), 1) << server.log();
  }
  {
    LspProcess server;
    initialize(server);
    const int id = server.request("shutdown");
    ASSERT_TRUE(server.wait_response(id));
    server.close_input();
    EXPECT_EQ(server.wait_exit(), 0) << server.log();
  }
}

TEST(LspEndToEnd, AcceptsStdioFlag) {
  LspProcess server({"server", "--stdio"});
  initialize(server);
  shutdown_and_exit(server, 0);
}

TEST(LspEndToEnd, RequestsBeforeInitializeAreRejected) {
  LspProcess server;
  const int early = server.request("textDocument/hover", json::object());
  auto response = server.wait_response(early);
  ASSERT_TRUE(response) << server.log();
  EXPECT_EQ((*response)["error"]["code"], -32002);
  const int early_shutdown = server.request("shutdown");
  response = server.wait_response(early_shutdown);
  ASSERT_TRUE(response) << server.log();
  EXPECT_EQ((*response)["error"]["code"], -32002);

  // A notification before initialize is dropped: no diagnostics for this document later.
  server.notify("textDocument/didOpen", did_open("file:///early.py", 1, kSource));
  initialize(server);
  server.notify("textDocument/didOpen", did_open(kUri, 1, kSource));
  ASSERT_TRUE(server.wait_diagnostics(kUri, 1)) << server.log();
  EXPECT_FALSE(server.wait_diagnostics("file:///early.py", std::nullopt, 300ms));

  // A second initialize is refused.
  const int again = server.request("initialize", initialize_params());
  response = server.wait_response(again);
  ASSERT_TRUE(response) << server.log();
  EXPECT_EQ((*response)["error"]["code"], -32600);
  shutdown_and_exit(server, 0);
}

TEST(LspEndToEnd, RequestsAfterShutdownAreInvalid) {
  LspProcess server;
  initialize(server);
  const int id = server.request("shutdown");
  ASSERT_TRUE(server.wait_response(id));
  const int late = server.request("textDocument/hover", json::object());
  const auto response = server.wait_response(late);
  ASSERT_TRUE(response) << server.log();
  EXPECT_EQ((*response)["error"]["code"], -32600);
  server.notify("exit");
  EXPECT_EQ(server.wait_exit(), 0) << server.log();
}

TEST(LspEndToEnd, MalformedInputIsAnsweredAndTheServerKeepsServing) {
  LspProcess server;
  // Garbage before anything else, then invalid JSON, then valid JSON that is not a message.
  server.send_raw("this is not a header\r\n\r\n");
  server.send_raw("Content-Length: 5\r\n\r\n{nope");
  auto error = server.wait_response_null_id();
  ASSERT_TRUE(error) << server.log();
  EXPECT_EQ((*error)["error"]["code"], -32700);
  server.send_raw("Content-Length: 3\r\n\r\n[1]");
  error = server.wait_response_null_id();
  ASSERT_TRUE(error) << server.log();
  EXPECT_EQ((*error)["error"]["code"], -32600);
  server.send_raw("Content-Length: -3\r\n\r\n");
  server.send_raw("Content-Length: 99999999999999999999\r\n\r\n");

  // initialize with bad params: InvalidParams, and the server stays uninitialized.
  const int bad_init =
      server.request("initialize", {{"processId", "twelve"}, {"capabilities", json::object()}});
  auto response = server.wait_response(bad_init);
  ASSERT_TRUE(response) << server.log();
  EXPECT_EQ((*response)["error"]["code"], -32602);
  EXPECT_NE((*response)["error"]["message"].get<std::string>().find("processId"),
            std::string::npos);

  initialize(server);

  const int unknown = server.request("loopwarden/noSuchMethod", json::object());
  response = server.wait_response(unknown);
  ASSERT_TRUE(response) << server.log();
  EXPECT_EQ((*response)["error"]["code"], -32601);

  // Unknown notifications, $/ notifications and malformed notifications get no reply.
  server.notify("loopwarden/unknownNotification", json::object());
  server.notify("$/cancelRequest", {{"id", 99}});
  server.notify("$/setTrace", {{"value", "off"}});
  server.notify("textDocument/didOpen", {{"textDocument", {{"uri", 5}}}});
  server.send_raw(
      protocol::encode_frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":7})"));

  server.notify("textDocument/didOpen", did_open(kUri, 1, kSource));
  ASSERT_TRUE(server.wait_diagnostics(kUri, 1)) << server.log();

  // A change outside the document is ignored and does not corrupt it; a change to a
  // document that is not open is ignored.
  server.notify("textDocument/didChange", did_change(kUri, 2, {edit(range(40, 0, 41, 0), "x")}));
  server.notify("textDocument/didChange", did_change(kUri, 2, {edit(range(2, 8, 2, 2), "x")}));
  server.notify(
      "textDocument/didChange",
      did_change(kUri, 2, {edit(range(0, 0, 0, 0), "# ok\n"), edit(range(9, 0, 9, 1), "x")}));
  server.notify("textDocument/didChange",
                did_change("file:///not_open.py", 2, {edit(range(0, 0, 0, 0), "x")}));
  // Then a good change: "# header\n" on top moves the call to line 3.
  server.notify("textDocument/didChange",
                did_change(kUri, 3, {edit(range(0, 0, 0, 0), "# header\n")}));
  const auto published = server.wait_diagnostics(kUri, 3);
  ASSERT_TRUE(published) << server.log();
  const json* lw102 = find_code(*published, "LW102");
  ASSERT_NE(lw102, nullptr) << published->dump(2);
  expect_sleep_call_range(*lw102, 3, 4);

  // Nothing else was sent: no reply to a notification, no diagnostics for rejected changes.
  for (const json& m : server.inbox()) {
    EXPECT_EQ(m.value("method", ""), "textDocument/publishDiagnostics") << m.dump();
    if (m.contains("params")) {
      EXPECT_NE(m["params"].value("version", 0), 2) << m.dump();
    }
  }
  shutdown_and_exit(server, 0);
  const std::string log = server.log();
  EXPECT_NE(log.find("bad frame"), std::string::npos) << log;
  EXPECT_NE(log.find("outside the document"), std::string::npos) << log;
}

TEST(LspEndToEnd, SplitAndCoalescedFrames) {
  LspProcess server;
  const std::string init = protocol::encode_frame(json{
      {"jsonrpc", "2.0"},
      {"id", 1},
      {"method", "initialize"},
      {"params", initialize_params()}}.dump());
  const std::string open = protocol::encode_frame(json{
      {"jsonrpc", "2.0"},
      {"method", "textDocument/didOpen"},
      {"params", did_open(kUri, 1, kSource)}}.dump());
  const std::string both = init + open;
  // One byte at a time for the first part, the rest in one write.
  for (std::size_t i = 0; i < 40; ++i) {
    server.send_raw(both.substr(i, 1));
    ::usleep(1000);
  }
  server.send_raw(both.substr(40));
  ASSERT_TRUE(server.wait_response(1)) << server.log();
  ASSERT_TRUE(server.wait_diagnostics(kUri, 1)) << server.log();
  shutdown_and_exit(server, 0);
}

}  // namespace
}  // namespace lw::test

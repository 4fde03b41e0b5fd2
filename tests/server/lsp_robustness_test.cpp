// Robustness end to end: the real `loopwarden server` binary fed bad input over pipes. After
// each bad input the server must still serve a normal open -> diagnostics -> close round
// trip. Every wait has a deadline (lsp_client.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "tests/server/lsp_client.h"

namespace lw::test {
namespace {

constexpr const char* kSource = "import time\nasync def handler():\n    time.sleep(1)\n";

json close_params(const std::string& uri) { return {{"textDocument", {{"uri", uri}}}}; }

void initialize(LspProcess& server) {
  const int id =
      server.request("initialize", {{"processId", nullptr}, {"capabilities", json::object()}});
  const auto response = server.wait_response(id);
  ASSERT_TRUE(response && response->contains("result")) << server.log();
  server.notify("initialized", json::object());
}

bool has_code(const json& publish, const std::string& code) {
  for (const json& d : publish["params"]["diagnostics"]) {
    if (d.value("code", "") == code) return true;
  }
  return false;
}

// A normal round trip: open a document with a finding, get its diagnostics, close it, get
// the empty publication.
void expect_serves(LspProcess& server, const std::string& tag) {
  const std::string uri = "file:///robust/" + tag + ".py";
  server.notify("textDocument/didOpen", did_open(uri, 7, kSource));
  const auto published = server.wait_diagnostics(uri, 7);
  ASSERT_TRUE(published) << tag << ": no diagnostics\n" << server.log();
  EXPECT_TRUE(has_code(*published, "LW102")) << published->dump();
  server.notify("textDocument/didClose", close_params(uri));
  const auto cleared = server.wait_diagnostics(uri);
  ASSERT_TRUE(cleared) << tag << ": no empty diagnostics\n" << server.log();
  EXPECT_TRUE((*cleared)["params"]["diagnostics"].empty());
}

void shutdown_and_exit(LspProcess& server) {
  const int id = server.request("shutdown");
  ASSERT_TRUE(server.wait_response(id)) << server.log();
  server.notify("exit");
  EXPECT_EQ(server.wait_exit(), 0) << server.log();
}

std::string frame(const std::string& body) { return protocol::encode_frame(body); }

TEST(LspRobustness, JsonThatIsNotAMessage) {
  LspProcess server;
  initialize(server);
  for (const std::string body : {"[1,2]", "42", "{}", "\"text\"", "null", "[]"}) {
    server.send_raw(frame(body));
    const auto error = server.wait_response_null_id();
    ASSERT_TRUE(error) << body << "\n" << server.log();
    EXPECT_EQ((*error)["error"]["code"], -32600) << body;
    expect_serves(server, "not_a_message");
  }
  shutdown_and_exit(server);
}

TEST(LspRobustness, MalformedHeaders) {
  LspProcess server;
  initialize(server);
  for (const std::string bytes :
       {"Content-Lenght: 2\r\n\r\n{}", "Content-Length: abc\r\n\r\n", "Content-Length:\r\n\r\n",
        "Content-Length: -1\r\n\r\n", "Content-Length 2\r\n\r\n", "\x01\x02\xff: x\r\n\r\n",
        "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "Content-Length: 184467440737095516160\r\n\r\n", "Content-Type: x\r\n\r\n{}"}) {
    server.send_raw(bytes);
    expect_serves(server, "malformed_header");
  }
  EXPECT_TRUE(server.inbox().empty()) << server.inbox().front().dump();  // no replies to frames
  shutdown_and_exit(server);
  EXPECT_NE(server.log().find("bad frame"), std::string::npos);
}

TEST(LspRobustness, ContentLengthTooShortMakesTheRestGarbage) {
  LspProcess server;
  initialize(server);
  // 10 of the 30 bytes are the body (not JSON: ParseError); the other 20 are garbage in front
  // of the next real frame, skipped up to its "Content-Length" header.
  const std::string body = R"({"jsonrpc":"2.0","method":"x"})";
  server.send_raw("Content-Length: 10\r\n\r\n" + body);
  const auto error = server.wait_response_null_id();
  ASSERT_TRUE(error) << server.log();
  EXPECT_EQ((*error)["error"]["code"], -32700);
  expect_serves(server, "short_length");
  shutdown_and_exit(server);
}

TEST(LspRobustness, ContentLengthTooLongAtEndOfInput) {
  LspProcess server;
  initialize(server);
  expect_serves(server, "before_eof");
  server.send_raw("Content-Length: 1000\r\n\r\n{\"jsonrpc\":\"2.0\"");
  server.close_input();
  EXPECT_EQ(server.wait_exit(), 1) << server.log();
  EXPECT_NE(server.log().find("input ended inside a message"), std::string::npos);
}

TEST(LspRobustness, BodyThatIsNotJson) {
  LspProcess server;
  initialize(server);
  for (const std::string body :
       {"{nope", "", "{\"jsonrpc\":\"2.0\",", "\xff\xfe", "{\"a\":\"\xc3\x28\"}", "nul"}) {
    server.send_raw(frame(body));
    const auto error = server.wait_response_null_id();
    ASSERT_TRUE(error) << json(body).dump() << "\n" << server.log();
    EXPECT_EQ((*error)["error"]["code"], -32700);
    expect_serves(server, "not_json");
  }
  shutdown_and_exit(server);
}

// 100,000 nested arrays in a 200 KB message crashed the server (stack overflow copying the
// params); such bodies are now refused with ParseError before parsing.
TEST(LspRobustness, DeeplyNestedJson) {
  LspProcess server;
  initialize(server);
  for (const std::size_t depth : {std::size_t{100000}, std::size_t{2000000}}) {
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    server.send_raw(frame(R"({"jsonrpc":"2.0","id":5,"method":"x","params":[)" + nested + "]}"));
    const auto error = server.wait_response_null_id();
    ASSERT_TRUE(error) << server.log();
    EXPECT_EQ((*error)["error"]["code"], -32700);
    expect_serves(server, "after_deep_json");
  }
  shutdown_and_exit(server);
}

TEST(LspRobustness, InvalidParamsUnknownMethodUnknownNotification) {
  LspProcess server;
  // (capabilities are read tolerantly on purpose: a malformed one means "not supported")
  for (const json& params :
       {json{{"processId", "x"}}, json::array({1}), json{{"rootUri", 5}}, json{{"processId", 1.5}},
        json{{"workspaceFolders", {{"uri", 1}}}}, json{{"workspaceFolders", json::array({7})}}}) {
    const int id = server.request("initialize", params);
    const auto response = server.wait_response(id);
    ASSERT_TRUE(response) << server.log();
    ASSERT_TRUE(response->contains("error")) << params.dump() << response->dump();
    EXPECT_EQ(response->at("error").at("code"), -32602) << params.dump() << response->dump();
  }
  initialize(server);
  expect_serves(server, "after_invalid_params");

  const int unknown = server.request("loopwarden/noSuchMethod", json::object());
  const auto response = server.wait_response(unknown);
  ASSERT_TRUE(response) << server.log();
  EXPECT_EQ((*response)["error"]["code"], -32601);
  expect_serves(server, "after_unknown_method");

  server.notify("loopwarden/noSuchNotification", json::object());
  server.notify("textDocument/didOpen", json::array({1, 2}));
  server.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///x.py"}}}});
  expect_serves(server, "after_unknown_notification");
  EXPECT_TRUE(server.inbox().empty()) << server.inbox().front().dump();
  shutdown_and_exit(server);
}

TEST(LspRobustness, BadDidChangeLeavesTheDocumentIntact) {
  // A fixed debounce: the one edit of version 2 that is in range (clamped to the line's end)
  // must be superseded by version 3 before it is analysed; the adaptive debounce would analyse
  // it at once.
  LspProcess server({"server", "--log-level", "debug", "--debounce-ms", "200"});
  initialize(server);
  const std::string uri = "file:///robust/intact.py";
  const std::string text = "import time\r\nasync def f():\n    pass\n";
  server.notify("textDocument/didOpen", did_open(uri, 1, text));
  ASSERT_TRUE(server.wait_diagnostics(uri, 1)) << server.log();

  server.notify("textDocument/didChange",
                did_change("file:///robust/not_open.py", 2, {edit(range(0, 0, 0, 0), "x")}));
  server.notify("textDocument/didChange", did_change(uri, 2, {edit(range(3, 1, 3, 1), "x")}));
  server.notify("textDocument/didChange", did_change(uri, 2, {edit(range(9, 0, 9, 0), "x")}));
  server.notify("textDocument/didChange", did_change(uri, 2, {edit(range(1, 5, 0, 2), "x")}));
  server.notify(
      "textDocument/didChange",
      did_change(uri, 2, {edit(range(0, 0, 0, 0), "\n\n\n\n"), edit(range(9, 1, 9, 1), "x")}));
  // Only an edit of the original text lands the call where the analysis expects it.
  server.notify("textDocument/didChange",
                did_change(uri, 3, {edit(range(2, 4, 2, 8), "time.sleep(1)")}));
  const auto published = server.wait_diagnostics(uri, 3);
  ASSERT_TRUE(published) << server.log();
  ASSERT_TRUE(has_code(*published, "LW102")) << published->dump();
  bool found = false;
  for (const json& d : (*published)["params"]["diagnostics"]) {
    if (d["code"] == "LW102") {
      found = true;
      EXPECT_EQ(d["range"]["start"], json({{"line", 2}, {"character", 4}}));
    }
  }
  EXPECT_TRUE(found);
  for (const json& m : server.inbox()) {  // nothing for the rejected version
    EXPECT_NE(m["params"].value("version", 0), 2) << m.dump();
  }
  expect_serves(server, "after_bad_change");
  shutdown_and_exit(server);
  EXPECT_NE(server.log().find("outside the document"), std::string::npos);
}

TEST(LspRobustness, TwentyMegabyteDocument) {
  LspProcess server;
  // Over the default `max-document-size` a document is not analysed
  // (lsp_large_document_test.cpp); raised, it is, incrementally.
  const int init =
      server.request("initialize", {{"processId", nullptr},
                                    {"capabilities", json::object()},
                                    {"initializationOptions", {{"max-document-size", 64 << 20}}}});
  ASSERT_TRUE(server.wait_response(init)) << server.log();
  server.notify("initialized", json::object());
  // 12 MB of header comments, a 6 MB string, then code (about 20,000 functions). (Comment lines
  // are kept before the first statement: after one, tree-sitter-python's scanner is quadratic
  // in a run of comment lines; see ManyCommentLinesAfterAStatement below.)
  const auto repeat = [](std::string& out, const std::string& piece, std::size_t bytes) {
    for (std::size_t n = 0; n < bytes; n += piece.size()) out += piece;
  };
  std::string text;
  text.reserve(std::size_t{21} << 20U);
  repeat(text, "# data é😀 0123456789 data é😀 0123456789 data é😀 0123456789\n",
         std::size_t{12} << 20U);
  text += "import time\nDATA = \"\"\"\n";
  repeat(text, "payload é😀 payload é😀 payload é😀 payload é😀 payload é😀\n", std::size_t{6} << 20U);
  text += "\"\"\"\n";
  repeat(text,
         "def compute(values):\n    total = 0\n    for v in values:\n"
         "        total += v * 2  # é😀\n    return total\n\n",
         (std::size_t{20} << 20U) - text.size());
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  const std::string uri = "file:///robust/huge.py";
  server.notify("textDocument/didOpen", did_open(uri, 1, text));
  const auto first = server.wait_diagnostics(uri, 1, 180s);
  ASSERT_TRUE(first) << server.log();
  EXPECT_TRUE((*first)["params"]["diagnostics"].empty());

  // An edit at the very end adds a finding.
  server.notify(
      "textDocument/didChange",
      did_change(uri, 2,
                 {edit(range(lines, 0, lines, 0), "async def late():\n    time.sleep(1)\n")}));
  const auto second = server.wait_diagnostics(uri, 2, 180s);
  ASSERT_TRUE(second) << server.log();
  ASSERT_EQ((*second)["params"]["diagnostics"].size(), 1U) << (*second)["params"].dump();
  EXPECT_EQ((*second)["params"]["diagnostics"][0]["range"]["start"]["line"], lines + 1);
  server.notify("textDocument/didClose", close_params(uri));
  ASSERT_TRUE(server.wait_diagnostics(uri, std::nullopt, 180s)) << server.log();
  expect_serves(server, "after_huge");
  shutdown_and_exit(server);
}

// tree-sitter-python 0.25's external scanner looked past every following comment line at each
// line break of a run of comment lines, so parsing was quadratic in the run (4,000 lines: about
// 4 s per parse, and every didChange reparses). Our scanner patch (cmake/deps.lock) remembers
// where the run ends. Both shapes: after a statement at the block's indentation, and
// commented-out code at column zero inside an `async def`; then an edit next to the run.
TEST(LspRobustness, ManyCommentLinesAfterAStatement) {
  LspProcess server;
  initialize(server);
  for (const std::string indent : {"", "    "}) {
    std::string text = "import time\nasync def f():\n    x = 1\n";
    for (int i = 0; i < 4000; ++i) text += indent + "# a commented-out line of code, about sixty\n";
    text += "    time.sleep(1)\n";
    const std::string uri = "file:///robust/comments" + std::to_string(indent.size()) + ".py";
    server.notify("textDocument/didOpen", did_open(uri, 1, text));
    const auto first = server.wait_diagnostics(uri, 1, 2s);
    ASSERT_TRUE(first) << server.log();
    ASSERT_EQ((*first)["params"]["diagnostics"].size(), 1U) << (*first)["params"].dump();
    EXPECT_EQ((*first)["params"]["diagnostics"][0]["range"]["start"]["line"], 4003);
    // An edit in the middle of the run: the finding moves down by one line, at once.
    server.notify("textDocument/didChange",
                  did_change(uri, 2, {edit(range(2000, 0, 2000, 0), indent + "# one more\n")}));
    const auto second = server.wait_diagnostics(uri, 2, 2s);
    ASSERT_TRUE(second) << server.log();
    ASSERT_EQ((*second)["params"]["diagnostics"].size(), 1U) << (*second)["params"].dump();
    EXPECT_EQ((*second)["params"]["diagnostics"][0]["range"]["start"]["line"], 4004);
  }
}

TEST(LspRobustness, AThousandOpenDocuments) {
  LspProcess server;
  initialize(server);
  constexpr int kCount = 1000;
  auto uri = [](int i) { return "file:///robust/many/m" + std::to_string(i) + ".py"; };
  std::string burst;
  for (int i = 0; i < kCount; ++i) {
    burst += frame(json{{"jsonrpc", "2.0"},
                        {"method", "textDocument/didOpen"},
                        {"params", did_open(uri(i), i + 1, kSource)}}
                       .dump());
  }
  server.send_raw(burst);
  // Index the publications by uri as they arrive.
  std::map<std::string, json> published;
  const auto collect = [&](bool empty_expected) {
    published.clear();
    while (published.size() < kCount) {
      const auto m = server.wait_for(
          [](const json& x) { return x.value("method", "") == "textDocument/publishDiagnostics"; },
          30s);
      ASSERT_TRUE(m) << published.size() << " of " << kCount << "\n" << server.log();
      const json& p = (*m)["params"];
      EXPECT_EQ(p["diagnostics"].empty(), empty_expected) << p.dump();
      published[p["uri"].get<std::string>()] = p;
    }
  };
  collect(false);
  for (int i = 0; i < kCount; ++i) {
    ASSERT_EQ(published[uri(i)].value("version", 0), i + 1);
    ASSERT_TRUE(has_code({{"params", published[uri(i)]}}, "LW102"));
  }
  burst.clear();
  for (int i = 0; i < kCount; ++i) {
    burst += frame(json{
        {"jsonrpc", "2.0"}, {"method", "textDocument/didClose"}, {"params", close_params(uri(i))}}
                       .dump());
  }
  server.send_raw(burst);
  collect(true);
  EXPECT_EQ(published.size(), static_cast<std::size_t>(kCount));
  expect_serves(server, "after_many");
  shutdown_and_exit(server);
}

TEST(LspRobustness, ClientDisappearsMidMessage) {
  LspProcess server;
  initialize(server);
  expect_serves(server, "before_vanishing");
  const std::string message = frame(json{
      {"jsonrpc", "2.0"},
      {"method", "textDocument/didOpen"},
      {"params", did_open("file:///robust/cut.py", 1,
                          kSource)}}.dump());
  server.send_raw(message.substr(0, message.size() / 2));
  server.close_output();  // the client stops reading too
  server.close_input();
  EXPECT_EQ(server.wait_exit(), 1) << server.log();
}

TEST(LspRobustness, ClientStopsReadingWhileTheServerWrites) {
  LspProcess server;
  initialize(server);
  server.close_output();
  // The server's writes now fail (EPIPE); it must keep reading and end on end of input.
  for (int i = 0; i < 50; ++i) {
    server.notify("textDocument/didOpen",
                  did_open("file:///robust/w" + std::to_string(i) + ".py", 1, kSource));
  }
  const int id = server.request("shutdown");
  (void)id;
  server.notify("exit");
  EXPECT_EQ(server.wait_exit(), 0) << server.log();
}

}  // namespace
}  // namespace lw::test

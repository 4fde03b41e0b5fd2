// textDocument/codeAction and codeAction/resolve in-process (server/lsp/code_actions.cpp):
// which actions, their kinds, preference, edits in each position encoding, the `only`
// filter, lazy edits through resolve, and what a client without literal support gets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "server/lsp/lsp_server.h"
#include "tests/server/in_process_server.h"

namespace lw::server {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;

using testing::MemoryTransport;
using testing::TaskQueue;

constexpr const char* kUri = "file:///w/app.py";
// LW102 on line 4 (0-based), after a non-ASCII string: "é" is 2 bytes, 1 UTF-16 unit.
constexpr const char* kSleepy =
    "import time\n"
    "\n"
    "\n"
    "async def handler():\n"
    "    s = \"é\"; time.sleep(1)\n";

json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

json code_action_capabilities(bool resolve) {
  json code_action = {
      {"codeActionLiteralSupport",
       {{"codeActionKind",
         {{"valueSet",
           {"", "quickfix", "refactor", "refactor.rewrite", "source", "source.fixAll"}}}}}},
      {"isPreferredSupport", true},
      {"dataSupport", true}};
  if (resolve) code_action["resolveSupport"] = {{"properties", {"edit"}}};
  return code_action;
}

class CodeActionTest : public ::testing::Test {
 protected:
  TaskQueue queue;
  MemoryTransport transport;
  Scheduler scheduler{[this](Scheduler::Task task) { queue.post(std::move(task)); }};
  LspServer server{transport, scheduler, [] {}};
  int next_id = 1;

  std::vector<json> send(const json& message) {
    server.on_message(message.dump());
    queue.run();
    return transport.take();
  }
  json request(const std::string& method, json params) {
    const int id = next_id++;
    auto out = send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    for (json& m : out) {
      if (m.contains("id") && m["id"] == id) return m;
    }
    ADD_FAILURE() << "no response to " << method;
    return json::object();
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  json initialize(json capabilities) {
    return request("initialize", {{"processId", nullptr}, {"capabilities", capabilities}});
  }
  void initialize_with(bool resolve, bool document_changes = false, bool utf8 = false) {
    json capabilities = {{"textDocument", {{"codeAction", code_action_capabilities(resolve)}}}};
    if (document_changes) {
      capabilities["workspace"] = {{"workspaceEdit", {{"documentChanges", true}}}};
    }
    if (utf8) capabilities["general"] = {{"positionEncodings", {"utf-8", "utf-16"}}};
    ASSERT_TRUE(initialize(capabilities).contains("result"));
  }
  void open(const std::string& text, int version = 1) {
    notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", kUri}, {"languageId", "python"}, {"version", version}, {"text", text}}}});
  }
  json actions(json r, json context = json::object()) {
    if (!context.contains("diagnostics")) context["diagnostics"] = json::array();
    const json response =
        request("textDocument/codeAction",
                {{"textDocument", {{"uri", kUri}}}, {"range", std::move(r)}, {"context", context}});
    EXPECT_TRUE(response.contains("result")) << response.dump();
    return response.value("result", json());
  }
};

std::vector<std::string> titles(const json& actions) {
  std::vector<std::string> out;
  for (const json& a : actions)
    out.push_back(a["kind"].get<std::string>() + ": " + a["title"].get<std::string>());
  return out;
}

TEST_F(CodeActionTest, ServerAnnouncesCodeActions) {
  const json init = initialize(json::object());
  EXPECT_EQ(init["result"]["capabilities"]["codeActionProvider"],
            json::parse(R"({"codeActionKinds":["quickfix","refactor.rewrite",
                           "source.fixAll.loopwarden"],"resolveProvider":true})"));
}

TEST_F(CodeActionTest, QuickFixesOfTheDiagnosticUnderTheCursorThenFixAll) {
  initialize_with(false);
  open(kSleepy);
  // An empty range inside `time.sleep` (UTF-16 column 16 is after `s = "é"; time.`).
  const json result = actions(range(4, 16, 4, 16));
  ASSERT_TRUE(result.is_array());
  EXPECT_THAT(titles(result),
              ::testing::ElementsAre("quickfix: Replace with `await asyncio.sleep(...)`",
                                     "quickfix: Disable LW102 for this line",
                                     "source.fixAll.loopwarden: Fix all auto-fixable loopwarden "
                                     "problems"));
  const json& preferred = result[0];
  EXPECT_EQ(preferred["isPreferred"], true);
  EXPECT_FALSE(result[1].contains("isPreferred"));
  ASSERT_EQ(preferred["diagnostics"].size(), 1U);
  EXPECT_EQ(preferred["diagnostics"][0]["code"], "LW102");
  EXPECT_EQ(preferred["diagnostics"][0]["range"], range(4, 13, 4, 26));
  // UTF-16 columns: `time.sleep` starts at 13 (it is byte 14).
  const json& edits = preferred["edit"]["changes"][kUri];
  ASSERT_EQ(edits.size(), 2U) << edits.dump();
  EXPECT_EQ(edits[0], json({{"range", range(0, 0, 0, 0)}, {"newText", "import asyncio\n"}}));
  EXPECT_EQ(edits[1], json({{"range", range(4, 13, 4, 23)}, {"newText", "await asyncio.sleep"}}));
  EXPECT_FALSE(preferred.contains("data"));
  // Disable: a noqa comment at the end of the line (UTF-16 column 26).
  EXPECT_EQ(result[1]["edit"]["changes"][kUri][0]["range"], range(4, 26, 4, 26));
  // Fix all: one edit, the differing middle of the whole text.
  EXPECT_EQ(result[2]["edit"]["changes"][kUri],
            json::array({{{"range", range(0, 7, 4, 17)},
                          {"newText",
                           "asyncio\nimport time\n\n\nasync def handler():\n    s = \"é\"; await "
                           "asyncio"}}}))
      << result[2].dump();
  EXPECT_FALSE(result[2].contains("diagnostics"));
}

TEST_F(CodeActionTest, Utf8ColumnsWhenNegotiated) {
  initialize_with(false, false, true);
  open(kSleepy);
  const json result = actions(range(4, 17, 4, 17));
  ASSERT_FALSE(result.empty());
  EXPECT_EQ(result[0]["edit"]["changes"][kUri][1]["range"], range(4, 14, 4, 24));
  EXPECT_EQ(result[0]["diagnostics"][0]["range"], range(4, 14, 4, 27));
}

TEST_F(CodeActionTest, DocumentChangesCarryTheVersion) {
  initialize_with(false, true);
  open(kSleepy, 7);
  const json result = actions(range(4, 13, 4, 26));
  ASSERT_FALSE(result.empty());
  const json& edit = result[0]["edit"];
  EXPECT_FALSE(edit.contains("changes"));
  ASSERT_EQ(edit["documentChanges"].size(), 1U);
  EXPECT_EQ(edit["documentChanges"][0]["textDocument"], json({{"uri", kUri}, {"version", 7}}));
  EXPECT_EQ(edit["documentChanges"][0]["edits"].size(), 2U);
}

TEST_F(CodeActionTest, TheClientsDiagnosticIsEchoed) {
  initialize_with(false);
  open(kSleepy);
  json published = actions(range(4, 13, 4, 26))[0]["diagnostics"][0];
  published["data"] = {{"rule", "LW102"}, {"client", "kept"}};  // a client may add to it
  const json result = actions(range(4, 13, 4, 26), {{"diagnostics", {published}}});
  EXPECT_EQ(result[0]["diagnostics"][0], published);
}

TEST_F(CodeActionTest, OnlyFiltersByKindPrefix) {
  initialize_with(false);
  open(kSleepy);
  EXPECT_THAT(titles(actions(range(4, 13, 4, 13), {{"only", {"source"}}})),
              ::testing::ElementsAre(HasSubstr("source.fixAll.loopwarden")));
  EXPECT_THAT(titles(actions(range(4, 13, 4, 13), {{"only", {"source.fixAll"}}})),
              ::testing::ElementsAre(HasSubstr("source.fixAll.loopwarden")));
  EXPECT_EQ(actions(range(4, 13, 4, 13), {{"only", {"quickfix"}}}).size(), 2U);
  EXPECT_TRUE(actions(range(4, 13, 4, 13), {{"only", {"refactor"}}}).empty());
  EXPECT_TRUE(actions(range(4, 13, 4, 13), {{"only", {"source.organizeImports"}}}).empty());
  EXPECT_TRUE(actions(range(4, 13, 4, 13), {{"only", {"quick"}}}).empty());
}

TEST_F(CodeActionTest, SequentialAwaitsOfferARefactoring) {
  initialize_with(false);
  open(
      "async def f(x):\n    return x\n\n\nasync def main():\n    a = await f(1)\n"
      "    b = await f(2)\n    return a, b\n");
  const json refactors = actions(range(5, 4, 6, 18), {{"only", {"refactor"}}});
  ASSERT_EQ(refactors.size(), 1U) << refactors.dump(2);
  EXPECT_EQ(refactors[0]["kind"], "refactor.rewrite");
  EXPECT_EQ(refactors[0]["title"], "Convert to `asyncio.gather`");
  EXPECT_FALSE(refactors[0].contains("diagnostics"));
  EXPECT_FALSE(refactors[0].contains("isPreferred"));
  // Also a quick fix (unsafe: not preferred), and no fix-all (no safe fix).
  EXPECT_THAT(titles(actions(range(5, 4, 5, 4))),
              ::testing::ElementsAre("quickfix: Convert to `asyncio.gather`",
                                     "refactor.rewrite: Convert to `asyncio.gather`",
                                     "quickfix: Disable LW301 for this line"));
}

TEST_F(CodeActionTest, RangesThatMeetNoDiagnosticGetOnlyFixAll) {
  initialize_with(false);
  open(kSleepy);
  EXPECT_THAT(titles(actions(range(0, 0, 1, 0))),
              ::testing::ElementsAre(HasSubstr("source.fixAll.loopwarden")));
  open("x = 1\n", 2);
  EXPECT_EQ(actions(range(0, 0, 0, 5)), json::array());
}

TEST_F(CodeActionTest, WithoutLiteralSupportOrDocumentNothing) {
  ASSERT_TRUE(initialize(json::object()).contains("result"));
  open(kSleepy);
  EXPECT_EQ(actions(range(4, 13, 4, 26)), json::array());
}

TEST_F(CodeActionTest, UnknownDocumentGetsAnEmptyList) {
  initialize_with(true);
  const json response =
      request("textDocument/codeAction", {{"textDocument", {{"uri", "file:///nope.py"}}},
                                          {"range", range(0, 0, 0, 0)},
                                          {"context", {{"diagnostics", json::array()}}}});
  EXPECT_EQ(response["result"], json::array());
  // Malformed params: InvalidParams.
  EXPECT_EQ(
      request("textDocument/codeAction", {{"textDocument", {{"uri", kUri}}}})["error"]["code"],
      -32602);
}

TEST_F(CodeActionTest, ResolveComputesTheEditLazily) {
  initialize_with(true);
  open(kSleepy, 3);
  const json lazy = actions(range(4, 13, 4, 26));
  ASSERT_EQ(lazy.size(), 3U) << lazy.dump(2);
  for (const json& action : lazy) {
    EXPECT_FALSE(action.contains("edit")) << action.dump();
    ASSERT_TRUE(action.contains("data"));
    EXPECT_EQ(action["data"]["uri"], kUri);
    EXPECT_EQ(action["data"]["version"], 3);
  }
  const json resolved = request("codeAction/resolve", lazy[0]);
  ASSERT_TRUE(resolved.contains("result")) << resolved.dump();
  EXPECT_EQ(resolved["result"]["title"], lazy[0]["title"]);
  EXPECT_EQ(resolved["result"]["isPreferred"], true);
  EXPECT_EQ(resolved["result"]["edit"]["changes"][kUri][1],
            json({{"range", range(4, 13, 4, 23)}, {"newText", "await asyncio.sleep"}}));
  const json fix_all = request("codeAction/resolve", lazy[2]);
  EXPECT_EQ(fix_all["result"]["edit"]["changes"][kUri][0]["range"], range(0, 7, 4, 17));

  // The document moved on: the offered actions are stale.
  json change = {{"range", range(0, 0, 0, 0)}, {"text", "# hi\n"}};
  notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 4}}},
                                    {"contentChanges", json::array({change})}});
  const json stale = request("codeAction/resolve", lazy[0]);
  EXPECT_EQ(stale["error"]["code"], -32801) << stale.dump();
  EXPECT_EQ(request("codeAction/resolve", lazy[2])["error"]["code"], -32801);
  notify("textDocument/didClose", {{"textDocument", {{"uri", kUri}}}});
  EXPECT_EQ(request("codeAction/resolve", lazy[0])["error"]["code"], -32801);

  // Not ours.
  EXPECT_EQ(request("codeAction/resolve", {{"title", "x"}})["error"]["code"], -32602);
  EXPECT_EQ(
      request("codeAction/resolve", {{"title", "x"}, {"data", {{"uri", 3}}}})["error"]["code"],
      -32602);
}

TEST_F(CodeActionTest, ResolveChecksTheDiagnosticIsStillThere) {
  initialize_with(true);
  open(kSleepy, 1);
  json action = actions(range(4, 13, 4, 26))[0];
  action["data"]["range"] = json::array({1, 2});
  EXPECT_EQ(request("codeAction/resolve", action)["error"]["code"], -32801);
  action["data"]["diagnostic"] = 99;
  EXPECT_EQ(request("codeAction/resolve", action)["error"]["code"], -32801);
}

}  // namespace
}  // namespace lw::server

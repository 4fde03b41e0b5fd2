// Code actions end to end: the real `loopwarden server` over pipes, used as an editor would —
// take the preferred quick fix (or fix-all, or a resolved action), apply its WorkspaceEdit to
// our copy of the text in UTF-16 units, send that back as incremental changes, and see the
// diagnostic go away.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/server/lsp_client.h"

namespace lw::test {
namespace {

constexpr const char* kUri = "file:///tmp/lw_e2e/actions.py";
// LW102 after a non-ASCII string on the same line: UTF-16 and UTF-8 columns differ there.
constexpr const char* kSource =
    "import time\n"
    "\n"
    "\n"
    "async def handler():\n"
    "    label = \"😀 é\"; time.sleep(1)\n"
    "    return label\n";

json initialize_params(bool resolve) {
  json code_action = {
      {"codeActionLiteralSupport",
       {{"codeActionKind",
         {{"valueSet",
           {"", "quickfix", "refactor", "refactor.rewrite", "source", "source.fixAll"}}}}}},
      {"isPreferredSupport", true},
      {"dataSupport", true}};
  if (resolve) code_action["resolveSupport"] = {{"properties", {"edit"}}};
  json text_document = {{"publishDiagnostics", {{"versionSupport", true}}},
                        {"codeAction", code_action}};
  json workspace = {{"workspaceEdit", {{"documentChanges", true}}}};
  json capabilities = {{"textDocument", text_document}, {"workspace", workspace}};
  json params = {{"processId", nullptr}, {"rootUri", nullptr}};
  params["clientInfo"] = {{"name", "lsp_code_action_e2e_test"}};
  params["capabilities"] = capabilities;
  return params;
}

// The byte offset of an LSP position counted in UTF-16 units (what this client speaks),
// written independently of the server's LineIndex.
std::size_t utf16_offset(const std::string& text, const json& position) {
  const int line = position["line"];
  const int character = position["character"];
  std::size_t at = 0;
  for (int l = 0; l < line; ++l) {
    const std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) return text.size();
    at = nl + 1;
  }
  int units = 0;
  while (at < text.size() && text[at] != '\n' && units < character) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    units += length == 4 ? 2 : 1;
    at += length;
  }
  return at;
}

// The edits of a WorkspaceEdit for `uri` (documentChanges or changes).
json edits_for(const json& edit, const std::string& uri, int expected_version) {
  if (edit.contains("documentChanges")) {
    for (const json& change : edit["documentChanges"]) {
      if (change["textDocument"]["uri"] == uri) {
        EXPECT_EQ(change["textDocument"]["version"], expected_version);
        return change["edits"];
      }
    }
    return json::array();
  }
  return edit.value("changes", json::object()).value(uri, json::array());
}

// Applies `edits` (all relative to `text`) and returns the new text plus the equivalent
// didChange content changes: the same edits, last first, so each range is still valid when
// the server applies it after the ones before it.
std::pair<std::string, json> apply_like_a_client(const std::string& text, json edits) {
  std::vector<json> sorted(edits.begin(), edits.end());
  std::stable_sort(sorted.begin(), sorted.end(), [&](const json& a, const json& b) {
    return utf16_offset(text, a["range"]["start"]) > utf16_offset(text, b["range"]["start"]);
  });
  std::string result = text;
  json changes = json::array();
  for (const json& e : sorted) {
    const std::size_t start = utf16_offset(text, e["range"]["start"]);
    const std::size_t end = utf16_offset(text, e["range"]["end"]);
    result.replace(start, end - start, e["newText"].get<std::string>());
    changes.push_back({{"range", e["range"]}, {"text", e["newText"]}});
  }
  return {result, changes};
}

class CodeActionEndToEnd : public ::testing::Test {
 protected:
  void start(bool resolve) {
    const int id = server.request("initialize", initialize_params(resolve));
    const auto response = server.wait_response(id);
    ASSERT_TRUE(response) << server.log();
    ASSERT_TRUE((*response)["result"]["capabilities"].contains("codeActionProvider"));
    server.notify("initialized", json::object());
    server.notify("textDocument/didOpen",
                  {{"textDocument",
                    {{"uri", kUri}, {"languageId", "python"}, {"version", 1}, {"text", text}}}});
  }
  json diagnostics(int v) {
    const auto published = server.wait_diagnostics(kUri, v);
    EXPECT_TRUE(published) << server.log();
    return published ? (*published)["params"]["diagnostics"] : json::array();
  }
  json code_actions(const json& range, const json& context) {
    const int id =
        server.request("textDocument/codeAction",
                       {{"textDocument", {{"uri", kUri}}}, {"range", range}, {"context", context}});
    const auto response = server.wait_response(id);
    EXPECT_TRUE(response && response->contains("result")) << server.log();
    return response ? (*response)["result"] : json();
  }
  // Applies the edit like a client and sends the change as version `v`.
  void apply_and_send(const json& edit, int v) {
    std::pair<std::string, json> applied =
        apply_like_a_client(text, edits_for(edit, kUri, version));
    text = applied.first;
    version = v;
    json params = {{"textDocument", {{"uri", kUri}, {"version", v}}}};
    params["contentChanges"] = applied.second;
    server.notify("textDocument/didChange", params);
  }
  void finish() {
    const int id = server.request("shutdown");
    ASSERT_TRUE(server.wait_response(id)) << server.log();
    server.notify("exit");
    EXPECT_EQ(server.wait_exit(), 0) << server.log();
  }

  LspProcess server;
  std::string text = kSource;
  int version = 1;
};

const json* find_code(const json& diagnostics, const std::string& code) {
  for (const json& d : diagnostics) {
    if (d.value("code", "") == code) return &d;
  }
  return nullptr;
}

TEST_F(CodeActionEndToEnd, PreferredQuickFixRemovesTheDiagnostic) {
  start(false);
  const json published = diagnostics(1);
  const json* sleep = find_code(published, "LW102");
  ASSERT_NE(sleep, nullptr) << published.dump(2);
  // UTF-16: the emoji is two units, "é" one: `time.sleep` starts at column 20 (byte 23).
  EXPECT_EQ((*sleep)["range"]["start"], json({{"line", 4}, {"character", 20}}));

  const json actions = code_actions((*sleep)["range"], {{"diagnostics", {*sleep}}});
  ASSERT_TRUE(actions.is_array());
  const auto preferred = std::find_if(actions.begin(), actions.end(),
                                      [](const json& a) { return a.value("isPreferred", false); });
  ASSERT_NE(preferred, actions.end()) << actions.dump(2);
  EXPECT_EQ((*preferred)["kind"], "quickfix");
  EXPECT_EQ((*preferred)["diagnostics"][0], *sleep);
  // Exactly one preferred action; "Disable" is offered but not preferred.
  EXPECT_EQ(std::count_if(actions.begin(), actions.end(),
                          [](const json& a) { return a.value("isPreferred", false); }),
            1);
  EXPECT_TRUE(std::any_of(actions.begin(), actions.end(), [](const json& a) {
    return a["title"] == "Disable LW102 for this line";
  }));

  apply_and_send((*preferred)["edit"], 2);
  EXPECT_EQ(text,
            "import asyncio\nimport time\n\n\nasync def handler():\n"
            "    label = \"😀 é\"; await asyncio.sleep(1)\n    return label\n");
  const json after = diagnostics(2);
  EXPECT_EQ(find_code(after, "LW102"), nullptr) << after.dump(2);

  // Nothing left to fix: no actions at all there.
  EXPECT_EQ(code_actions((*sleep)["range"], {{"diagnostics", json::array()}}), json::array());
  // A document the server does not have: an empty list, not an error.
  const int id = server.request("textDocument/codeAction",
                                {{"textDocument", {{"uri", "file:///tmp/lw_e2e/unknown.py"}}},
                                 {"range", (*sleep)["range"]},
                                 {"context", {{"diagnostics", json::array()}}}});
  const auto unknown = server.wait_response(id);
  ASSERT_TRUE(unknown);
  EXPECT_EQ((*unknown)["result"], json::array());
  finish();
}

TEST_F(CodeActionEndToEnd, FixAllWithTheOnlyFilter) {
  text += "\n\nasync def other():\n    time.sleep(2)\n";
  start(false);
  ASSERT_EQ(diagnostics(1).size(), 2U);
  const json whole = {{"start", {{"line", 0}, {"character", 0}}},
                      {"end", {{"line", 0}, {"character", 0}}}};
  const json actions =
      code_actions(whole, {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}});
  ASSERT_EQ(actions.size(), 1U) << actions.dump(2);
  EXPECT_EQ(actions[0]["kind"], "source.fixAll.loopwarden");
  EXPECT_TRUE(
      code_actions(whole, {{"diagnostics", json::array()}, {"only", {"refactor"}}}).empty());

  apply_and_send(actions[0]["edit"], 2);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 11) << text;
  EXPECT_NE(text.find("    await asyncio.sleep(2)\n"), std::string::npos) << text;
  EXPECT_EQ(diagnostics(2), json::array());
  finish();
}

TEST_F(CodeActionEndToEnd, ResolveFlowAndStaleActions) {
  start(true);
  const json published = diagnostics(1);
  const json* sleep = find_code(published, "LW102");
  ASSERT_NE(sleep, nullptr);
  const json actions = code_actions((*sleep)["range"], {{"diagnostics", {*sleep}}});
  ASSERT_FALSE(actions.empty());
  const json& preferred = actions[0];
  EXPECT_EQ(preferred["isPreferred"], true);
  EXPECT_FALSE(preferred.contains("edit"));
  ASSERT_TRUE(preferred.contains("data"));

  int id = server.request("codeAction/resolve", preferred);
  auto resolved = server.wait_response(id);
  ASSERT_TRUE(resolved && resolved->contains("result")) << server.log();
  apply_and_send((*resolved)["result"]["edit"], 2);
  EXPECT_EQ(find_code(diagnostics(2), "LW102"), nullptr);

  // The same (now stale) action again: ContentModified.
  id = server.request("codeAction/resolve", preferred);
  resolved = server.wait_response(id);
  ASSERT_TRUE(resolved);
  EXPECT_EQ((*resolved)["error"]["code"], -32801) << resolved->dump();
  finish();
}

}  // namespace
}  // namespace lw::test

// Notebook documents end to end: the real `loopwarden server` over pipes, driven as VS Code's
// notebook editor drives it (LSP 3.17 notebookDocument/didOpen, didChange with text,
// structure and data changes, didClose; `vscode-notebook-cell:` cell URIs). The notebook's
// code cells are analysed as one module with IPython's autoawait (INTERFACES.md
// "Notebooks"), and diagnostics and code actions come per cell, in the cell's own positions.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "tests/server/lsp_client.h"

namespace lw::test {
namespace {

constexpr const char* kNotebook = "file:///tmp/lw_nb_e2e/demo.ipynb";

std::string cell_uri(int n) {
  return "vscode-notebook-cell:/tmp/lw_nb_e2e/demo.ipynb#W" + std::to_string(n) + "sZmlsZQ==";
}

json initialize_params(bool pull) {
  json code_action = {{"codeActionLiteralSupport",
                       {{"codeActionKind",
                         {{"valueSet", {"", "quickfix", "refactor", "source", "source.fixAll"}}}}}},
                      {"isPreferredSupport", true}};
  json capabilities = {
      {"textDocument",
       {{"publishDiagnostics", {{"versionSupport", true}}}, {"codeAction", code_action}}},
      {"workspace", {{"workspaceEdit", {{"documentChanges", true}}}}},
      {"notebookDocument", {{"synchronization", {{"dynamicRegistration", false}}}}}};
  // A client that pulls diagnostics (as VS Code does) still gets the cells' pushed: it pulls
  // text documents only.
  if (pull) capabilities["textDocument"]["diagnostic"] = {{"dynamicRegistration", false}};
  return {{"processId", nullptr},
          {"rootUri", nullptr},
          {"clientInfo", {{"name", "lsp_notebook_e2e_test"}}},
          {"capabilities", capabilities}};
}

json cell(int n, int kind = 2) { return {{"kind", kind}, {"document", cell_uri(n)}}; }
json cell_item(int n, const std::string& text, const std::string& language = "python") {
  return {{"uri", cell_uri(n)}, {"languageId", language}, {"version", 1}, {"text", text}};
}

// Byte offset of an LSP position (ASCII test texts: characters are bytes).
std::size_t offset_of(const std::string& text, const json& position) {
  std::size_t at = 0;
  for (int line = 0; line < position["line"].get<int>(); ++line) {
    const std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) return text.size();
    at = nl + 1;
  }
  const std::size_t end = std::min(text.find('\n', at), text.size());
  return std::min(at + position["character"].get<std::size_t>(), end);
}

class NotebookEndToEnd : public ::testing::Test {
 protected:
  virtual bool pull() const { return false; }
  void SetUp() override {
    const int id = server.request("initialize", initialize_params(pull()));
    const auto response = server.wait_response(id);
    ASSERT_TRUE(response) << server.log();
    const json& sync = (*response)["result"]["capabilities"]["notebookDocumentSync"];
    ASSERT_EQ(sync["notebookSelector"],
              json::parse(R"([{"notebook":"jupyter-notebook","cells":[{"language":"python"}]}])"))
        << sync.dump();
    server.notify("initialized", json::object());
  }

  // Opens the notebook with `cells` (cell number -> text; markdown when `markdown` has it).
  void open(const std::map<int, std::string>& cells, const std::vector<int>& markdown = {}) {
    json list = json::array();
    json items = json::array();
    for (const auto& [n, source] : cells) {
      const bool md = std::find(markdown.begin(), markdown.end(), n) != markdown.end();
      list.push_back(cell(n, md ? 1 : 2));
      items.push_back(cell_item(n, source, md ? "markdown" : "python"));
      texts[cell_uri(n)] = source;
      versions[cell_uri(n)] = 1;
    }
    server.notify("notebookDocument/didOpen", {{"notebookDocument",
                                                {{"uri", kNotebook},
                                                 {"notebookType", "jupyter-notebook"},
                                                 {"version", 0},
                                                 {"cells", list}}},
                                               {"cellTextDocuments", items}});
  }

  json diagnostics(int n, std::optional<int> version = {}) {
    const std::string uri = cell_uri(n);
    const auto published = server.wait_for([&](const json& m) {
      const auto method = m.find("method");
      if (method == m.end() || *method != "textDocument/publishDiagnostics") return false;
      const json& p = m["params"];
      const auto at = p.find("uri");
      if (at == p.end() || *at != uri) return false;
      const auto v = p.find("version");
      return !version || (v != p.end() && *v == *version);
    });
    EXPECT_TRUE(published) << "cell " << n << "\n" << server.log();
    return published ? (*published)["params"]["diagnostics"] : json::array();
  }

  // Sends a text change of cell `n` (its ranges against its current text) as VS Code does.
  void change_text(int n, const json& changes) {
    const std::string uri = cell_uri(n);
    for (const json& c : changes) {
      std::string& text = texts[uri];
      const std::size_t from = offset_of(text, c["range"]["start"]);
      const std::size_t to = offset_of(text, c["range"]["end"]);
      text.replace(from, to - from, c["text"].get<std::string>());
    }
    const int version = ++versions[uri];
    server.notify(
        "notebookDocument/didChange",
        {{"notebookDocument", {{"uri", kNotebook}, {"version", ++notebook_version}}},
         {"change",
          {{"cells",
            {{"textContent",
              {{{"document", {{"uri", uri}, {"version", version}}}, {"changes", changes}}}}}}}}});
  }

  // Applies a WorkspaceEdit (documentChanges, every edit in a cell of this notebook) like a
  // client: each cell's edits last first, sent as one text change per cell.
  void apply(const json& edit) {
    ASSERT_TRUE(edit.contains("documentChanges")) << edit.dump();
    for (const json& change : edit["documentChanges"]) {
      const std::string uri = change["textDocument"]["uri"];
      ASSERT_TRUE(texts.contains(uri)) << "an edit outside the notebook's cells: " << uri;
      EXPECT_EQ(change["textDocument"]["version"], versions[uri]);
      std::vector<json> edits(change["edits"].begin(), change["edits"].end());
      std::stable_sort(edits.begin(), edits.end(), [&](const json& a, const json& b) {
        return offset_of(texts[uri], a["range"]["start"]) >
               offset_of(texts[uri], b["range"]["start"]);
      });
      json changes = json::array();
      for (const json& e : edits)
        changes.push_back({{"range", e["range"]}, {"text", e["newText"]}});
      const int n = std::stoi(uri.substr(uri.find("#W") + 2));
      change_text(n, changes);
    }
  }

  json code_actions(int n, const json& range, const json& context) {
    const int id = server.request(
        "textDocument/codeAction",
        {{"textDocument", {{"uri", cell_uri(n)}}}, {"range", range}, {"context", context}});
    const auto response = server.wait_response(id);
    EXPECT_TRUE(response && response->contains("result")) << server.log();
    return response ? (*response)["result"] : json::array();
  }

  void finish() {
    const int id = server.request("shutdown");
    ASSERT_TRUE(server.wait_response(id)) << server.log();
    server.notify("exit");
    EXPECT_EQ(server.wait_exit(), 0) << server.log();
  }

  LspProcess server;
  std::map<std::string, std::string> texts;  // cell URI -> text
  std::map<std::string, int> versions;
  int notebook_version = 0;
};

const json* find_code(const json& diagnostics, const std::string& code) {
  for (const json& d : diagnostics) {
    if (const auto it = d.find("code"); it != d.end() && *it == code) return &d;
  }
  return nullptr;
}

TEST_F(NotebookEndToEnd, DiagnosticsPerCellWithAutoawait) {
  open({{0, "# A notebook\n"},
        {1, "import time\n"},
        {2, "async def handler():\n    time.sleep(1)"},
        {3, "%cd /tmp\nawait handler()\n!ls\n"},
        {4, "%%bash\nsleep 1\n"}},
       {0});
  const json in_handler = diagnostics(2, 1);
  ASSERT_EQ(in_handler.size(), 1U) << in_handler.dump(2);
  EXPECT_EQ(in_handler[0]["code"], "LW102");
  // The cell's own rows and columns: `time.sleep` on the cell's second line.
  EXPECT_EQ(in_handler[0]["range"]["start"], position(1, 4));
  // Top-level await is legal in a notebook (no LW207); the magics are not Python but parse.
  EXPECT_EQ(diagnostics(3, 1), json::array());
  EXPECT_EQ(diagnostics(1, 1), json::array());
  finish();
}

class NotebookPullClient : public NotebookEndToEnd {
 protected:
  bool pull() const override { return true; }
};

TEST_F(NotebookPullClient, CellDiagnosticsArePushed) {
  open({{1, "import time\n"}, {2, "async def handler():\n    time.sleep(1)\n"}});
  const json pushed = diagnostics(2, 1);
  ASSERT_EQ(pushed.size(), 1U) << pushed.dump(2);
  EXPECT_EQ(pushed[0]["code"], "LW102");
  finish();
}

TEST_F(NotebookEndToEnd, EditsStructureChangesAndClose) {
  open({{1, "import asyncio\nimport time\n"},
        {2, "async def handler():\n    x = 1\n    await asyncio.sleep(x)\n"}});
  EXPECT_EQ(diagnostics(2, 1), json::array());

  // Typing a blocking call into cell 2 (incremental change).
  change_text(2, json::array({{{"range", range(1, 4, 1, 9)}, {"text", "time.sleep(x)"}}}));
  json after = diagnostics(2, 2);
  ASSERT_EQ(after.size(), 1U) << after.dump(2);
  EXPECT_EQ(after[0]["range"]["start"], position(1, 4));

  // A new cell inserted before cell 2 shifts nothing in cell 2 but has its own finding.
  const std::string added =
      "import requests\n\nasync def fetch():\n    await asyncio.sleep(0)\n    return "
      "requests.get('u')\n";
  texts[cell_uri(7)] = added;
  versions[cell_uri(7)] = 1;
  server.notify("notebookDocument/didChange",
                {{"notebookDocument", {{"uri", kNotebook}, {"version", ++notebook_version}}},
                 {"change",
                  {{"cells",
                    {{"structure",
                      {{"array", {{"start", 1}, {"deleteCount", 0}, {"cells", {cell(7)}}}},
                       {"didOpen", {cell_item(7, added)}}}}}}}}});
  const json fetched = diagnostics(7, 1);
  ASSERT_EQ(fetched.size(), 1U) << fetched.dump(2);
  EXPECT_EQ(fetched[0]["range"]["start"], position(4, 11));

  // Cell 2 becomes markdown (a data change): it is no longer analysed, its findings go.
  server.notify("notebookDocument/didChange",
                {{"notebookDocument", {{"uri", kNotebook}, {"version", ++notebook_version}}},
                 {"change", {{"cells", {{"data", {cell(2, 1)}}}}}}});
  EXPECT_EQ(diagnostics(2), json::array());

  // Removing the inserted cell: its diagnostics are cleared.
  server.notify("notebookDocument/didChange",
                {{"notebookDocument", {{"uri", kNotebook}, {"version", ++notebook_version}}},
                 {"change",
                  {{"cells",
                    {{"structure",
                      {{"array", {{"start", 1}, {"deleteCount", 1}}},
                       {"didClose", {{{"uri", cell_uri(7)}}}}}}}}}}});
  EXPECT_EQ(diagnostics(7), json::array());

  // Back to code, then close the notebook: the cell's diagnostics are cleared.
  server.notify("notebookDocument/didChange",
                {{"notebookDocument", {{"uri", kNotebook}, {"version", ++notebook_version}}},
                 {"change", {{"cells", {{"data", {cell(2, 2)}}}}}}});
  ASSERT_EQ(diagnostics(2).size(), 1U);
  server.notify("notebookDocument/didClose",
                {{"notebookDocument", {{"uri", kNotebook}}},
                 {"cellTextDocuments", {{{"uri", cell_uri(1)}}, {{"uri", cell_uri(2)}}}}});
  EXPECT_EQ(diagnostics(2), json::array());
  // A cell of a closed notebook has no actions.
  EXPECT_EQ(code_actions(2, range(1, 4, 1, 4), {{"diagnostics", json::array()}}), json::array());
  finish();
}

// What a confused or hostile client may send: nothing crashes, nothing is corrupted, and the
// notebook still works afterwards.
TEST_F(NotebookEndToEnd, BadNotebookMessagesChangeNothing) {
  // A markdown cell; then a Python cell and a cell of another language inserted.
  open({{0, "# notes\n"}, {1, "import time\n"}, {3, "print(1)\n"}}, {0});
  server.notify("notebookDocument/didChange",
                {{"notebookDocument", {{"uri", kNotebook}, {"version", ++notebook_version}}},
                 {"change",
                  {{"cells",
                    {{"structure",
                      {{"array", {{"start", 3}, {"deleteCount", 0}, {"cells", {cell(2), cell(5)}}}},
                       {"didOpen",
                        {cell_item(2, "async def handler():\n    time.sleep(1)\n"),
                         cell_item(5, "time.sleep(2)\n", "r")}}}}}}}}});
  texts[cell_uri(2)] = "async def handler():\n    time.sleep(1)\n";
  versions[cell_uri(2)] = 1;
  const json found = diagnostics(2, 1);
  ASSERT_EQ(found.size(), 1U) << found.dump(2);
  // Unknown notebook, out-of-range cells, a cell that is not open, a bad range, a bad kind.
  server.notify("notebookDocument/didChange",
                {{"notebookDocument", {{"uri", "file:///nowhere.ipynb"}, {"version", 1}}},
                 {"change", json::object()}});
  server.notify("notebookDocument/didChange",
                {{"notebookDocument", {{"uri", kNotebook}, {"version", ++notebook_version}}},
                 {"change",
                  {{"cells",
                    {{"structure", {{"array", {{"start", 99}, {"deleteCount", 7}}}}},
                     {"textContent",
                      {{{"document", {{"uri", cell_uri(9)}, {"version", 2}}},
                        {"changes", {{{"range", range(0, 0, 0, 0)}, {"text", "x"}}}}},
                       {{"document", {{"uri", cell_uri(2)}, {"version", 2}}},
                        {"changes", {{{"range", range(40, 0, 41, 0)}, {"text", "x"}}}}}}}}}}}});
  server.notify("notebookDocument/didOpen", {{"notebookDocument",
                                              {{"uri", "file:///bad.ipynb"},
                                               {"notebookType", "jupyter-notebook"},
                                               {"version", 0},
                                               {"cells", {{{"kind", 7}, {"document", "c"}}}}}},
                                             {"cellTextDocuments", json::array()}});
  server.notify("notebookDocument/didClose", {{"notebookDocument", {{"uri", "file:///x"}}},
                                              {"cellTextDocuments", json::array()}});
  // No actions in a markdown cell; the notebook still answers and still analyses.
  EXPECT_EQ(code_actions(0, range(0, 0, 0, 0), {{"diagnostics", json::array()}}), json::array());
  change_text(2, json::array({{{"range", range(1, 4, 1, 17)}, {"text", "pass"}}}));
  EXPECT_EQ(diagnostics(2, 2), json::array());
  finish();
}

TEST_F(NotebookEndToEnd, QuickFixEditsTheCellsItTouches) {
  open({{1, "import time\n"}, {2, "async def handler():\n    time.sleep(1)\n"}});
  const json published = diagnostics(2, 1);
  const json* sleep = find_code(published, "LW102");
  ASSERT_NE(sleep, nullptr) << published.dump(2);
  const json actions = code_actions(2, (*sleep)["range"], {{"diagnostics", {*sleep}}});
  const auto preferred = std::find_if(actions.begin(), actions.end(), [](const json& a) {
    return a.contains("isPreferred") && a["isPreferred"] == true;
  });
  ASSERT_NE(preferred, actions.end()) << actions.dump(2);
  EXPECT_EQ((*preferred)["diagnostics"][0], *sleep);
  apply((*preferred)["edit"]);
  const std::string joined = texts[cell_uri(1)] + texts[cell_uri(2)];
  EXPECT_NE(joined.find("import asyncio\n"), std::string::npos) << joined;
  EXPECT_NE(texts[cell_uri(2)].find("    await asyncio.sleep(1)\n"), std::string::npos)
      << texts[cell_uri(2)];
  EXPECT_EQ(find_code(diagnostics(2, versions[cell_uri(2)]), "LW102"), nullptr);
  finish();
}

TEST_F(NotebookEndToEnd, FixAllRewritesTheChangedCells) {
  open({{1, "import time\n"},
        {2, "async def a():\n    time.sleep(1)\n"},
        {3, "%time x = 1\nasync def b():\n    time.sleep(2)\n"}});
  ASSERT_EQ(diagnostics(2, 1).size(), 1U);
  ASSERT_EQ(diagnostics(3, 1).size(), 1U);
  const json actions = code_actions(3, range(0, 0, 0, 0),
                                    {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}});
  ASSERT_EQ(actions.size(), 1U) << actions.dump(2);
  apply(actions[0]["edit"]);
  EXPECT_NE(texts[cell_uri(2)].find("await asyncio.sleep(1)"), std::string::npos);
  // The magic line is kept as written.
  EXPECT_EQ(texts[cell_uri(3)].rfind("%time x = 1\n", 0), 0U) << texts[cell_uri(3)];
  EXPECT_NE(texts[cell_uri(3)].find("await asyncio.sleep(2)"), std::string::npos);
  EXPECT_EQ(diagnostics(3, versions[cell_uri(3)]), json::array());
  finish();
}

}  // namespace
}  // namespace lw::test

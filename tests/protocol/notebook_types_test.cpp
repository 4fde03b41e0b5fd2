// protocol/types/notebook.h: the notebookDocument/* params as VS Code's language client sends
// them, malformed ones, and the server's notebookDocumentSync capability.
#include <gtest/gtest.h>

#include "protocol/types/json_read.h"
#include "protocol/types/lifecycle.h"
#include "protocol/types/notebook.h"

namespace lw::protocol {
namespace {

template <class T>
T parse(const char* text) {
  T out{};
  read_value(json::parse(text), out);
  return out;
}

TEST(NotebookTypes, DidOpenAsVsCodeSendsIt) {
  const auto p = parse<DidOpenNotebookDocumentParams>(R"({
    "notebookDocument": {"uri": "file:///n.ipynb", "notebookType": "jupyter-notebook",
      "version": 0, "metadata": {"custom": {}},
      "cells": [{"kind": 1, "document": "vscode-notebook-cell:/n.ipynb#W0"},
                {"kind": 2, "document": "vscode-notebook-cell:/n.ipynb#W1",
                 "executionSummary": {"executionOrder": 3, "success": true}}]},
    "cellTextDocuments": [{"uri": "vscode-notebook-cell:/n.ipynb#W1", "languageId": "python",
                           "version": 1, "text": "import time\n"}]})");
  EXPECT_EQ(p.notebook_document.notebook_type, "jupyter-notebook");
  ASSERT_EQ(p.notebook_document.cells.size(), 2U);
  EXPECT_EQ(p.notebook_document.cells[0].kind, NotebookCellKind::Markup);
  EXPECT_EQ(p.notebook_document.cells[1].kind, NotebookCellKind::Code);
  EXPECT_TRUE(p.notebook_document.cells[1].execution_summary);
  ASSERT_EQ(p.cell_text_documents.size(), 1U);
  EXPECT_EQ(p.cell_text_documents[0].text, "import time\n");
  // Round trip.
  const json again = p;
  EXPECT_EQ(parse<DidOpenNotebookDocumentParams>(again.dump().c_str())
                .notebook_document.cells[1]
                .document,
            "vscode-notebook-cell:/n.ipynb#W1");
}

TEST(NotebookTypes, DidChangeWithStructureDataAndText) {
  const auto p = parse<DidChangeNotebookDocumentParams>(R"({
    "notebookDocument": {"version": 4, "uri": "file:///n.ipynb"},
    "change": {"cells": {
      "structure": {"array": {"start": 1, "deleteCount": 1,
                              "cells": [{"kind": 2, "document": "c:#2"}]},
                    "didOpen": [{"uri": "c:#2", "languageId": "python", "version": 1, "text": ""}],
                    "didClose": [{"uri": "c:#1"}]},
      "data": [{"kind": 1, "document": "c:#0"}],
      "textContent": [{"document": {"uri": "c:#0", "version": 2},
                       "changes": [{"range": {"start": {"line": 0, "character": 0},
                                              "end": {"line": 0, "character": 1}}, "text": "x"}]}]}}})");
  EXPECT_EQ(p.notebook_document.version, 4);
  ASSERT_TRUE(p.change.cells && p.change.cells->structure);
  EXPECT_EQ(p.change.cells->structure->array.delete_count, 1U);
  EXPECT_EQ(p.change.cells->structure->did_close->at(0).uri, "c:#1");
  EXPECT_EQ(p.change.cells->data->at(0).kind, NotebookCellKind::Markup);
  EXPECT_EQ(p.change.cells->text_content->at(0).changes.at(0).text, "x");
  // Metadata only.
  const auto metadata = parse<DidChangeNotebookDocumentParams>(
      R"({"notebookDocument": {"version": 5, "uri": "u"}, "change": {"metadata": {"a": 1}}})");
  EXPECT_FALSE(metadata.change.cells);
}

TEST(NotebookTypes, MalformedParamsNameTheField) {
  try {
    parse<DidOpenNotebookDocumentParams>(R"({"notebookDocument": {"uri": "u",
      "notebookType": "jupyter-notebook", "version": 0, "cells": [{"kind": 3, "document": "c"}]},
      "cellTextDocuments": []})");
    FAIL() << "kind 3 accepted";
  } catch (const ParamsError& e) {
    EXPECT_NE(std::string(e.what()).find("cells[0].kind"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse<DidCloseNotebookDocumentParams>(R"({"notebookDocument": {"uri": "u"}})"),
               ParamsError);
}

TEST(NotebookTypes, ServerCapability) {
  ServerCapabilities capabilities;
  capabilities.notebook_document_sync =
      NotebookDocumentSyncOptions{{{"jupyter-notebook", {"python"}}}, true};
  const json j = capabilities;
  EXPECT_EQ(j["notebookDocumentSync"], json::parse(R"({"notebookSelector": [{"notebook":
    "jupyter-notebook", "cells": [{"language": "python"}]}], "save": true})"));
  const auto back = parse<ServerCapabilities>(j.dump().c_str());
  ASSERT_TRUE(back.notebook_document_sync);
  EXPECT_EQ(back.notebook_document_sync->notebook_selector.at(0).cell_languages,
            std::vector<std::string>{"python"});
}

}  // namespace
}  // namespace lw::protocol

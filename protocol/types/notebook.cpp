#include "protocol/types/notebook.h"

#include "protocol/types/json_read.h"

namespace lw::protocol {

void to_json(json& j, const NotebookCell& c) {
  j = json{{"kind", static_cast<int>(c.kind)}, {"document", c.document}};
  if (c.metadata) j["metadata"] = *c.metadata;
  if (c.execution_summary) j["executionSummary"] = *c.execution_summary;
}
void from_json(const json& j, NotebookCell& c) {
  expect_object(j, "cell");
  const auto kind = required_field<int>(j, "kind");
  if (kind != 1 && kind != 2) throw ParamsError("kind: not a NotebookCellKind (1 or 2)");
  c.kind = static_cast<NotebookCellKind>(kind);
  c.document = required_field<std::string>(j, "document");
  c.metadata = optional_field<json>(j, "metadata");
  c.execution_summary = optional_field<json>(j, "executionSummary");
}

void to_json(json& j, const NotebookDocument& n) {
  j = json{{"uri", n.uri},
           {"notebookType", n.notebook_type},
           {"version", n.version},
           {"cells", n.cells}};
  if (n.metadata) j["metadata"] = *n.metadata;
}
void from_json(const json& j, NotebookDocument& n) {
  expect_object(j, "notebookDocument");
  n.uri = required_field<std::string>(j, "uri");
  n.notebook_type = required_field<std::string>(j, "notebookType");
  n.version = required_field<std::int32_t>(j, "version");
  n.metadata = optional_field<json>(j, "metadata");
  n.cells = required_field<std::vector<NotebookCell>>(j, "cells");
}

void to_json(json& j, const DidOpenNotebookDocumentParams& p) {
  j = json{{"notebookDocument", p.notebook_document}, {"cellTextDocuments", p.cell_text_documents}};
}
void from_json(const json& j, DidOpenNotebookDocumentParams& p) {
  expect_object(j, "params");
  p.notebook_document = required_field<NotebookDocument>(j, "notebookDocument");
  p.cell_text_documents = required_field<std::vector<TextDocumentItem>>(j, "cellTextDocuments");
}

void to_json(json& j, const VersionedNotebookDocumentIdentifier& n) {
  j = json{{"version", n.version}, {"uri", n.uri}};
}
void from_json(const json& j, VersionedNotebookDocumentIdentifier& n) {
  expect_object(j, "notebookDocument");
  n.version = required_field<std::int32_t>(j, "version");
  n.uri = required_field<std::string>(j, "uri");
}

void to_json(json& j, const NotebookDocumentIdentifier& n) { j = json{{"uri", n.uri}}; }
void from_json(const json& j, NotebookDocumentIdentifier& n) {
  expect_object(j, "notebookDocument");
  n.uri = required_field<std::string>(j, "uri");
}

void to_json(json& j, const NotebookCellArrayChange& c) {
  j = json{{"start", c.start}, {"deleteCount", c.delete_count}};
  if (c.cells) j["cells"] = *c.cells;
}
void from_json(const json& j, NotebookCellArrayChange& c) {
  expect_object(j, "array");
  c.start = required_field<std::uint32_t>(j, "start");
  c.delete_count = required_field<std::uint32_t>(j, "deleteCount");
  c.cells = optional_field<std::vector<NotebookCell>>(j, "cells");
}

void to_json(json& j, const NotebookCellStructureChange& c) {
  j = json{{"array", c.array}};
  if (c.did_open) j["didOpen"] = *c.did_open;
  if (c.did_close) j["didClose"] = *c.did_close;
}
void from_json(const json& j, NotebookCellStructureChange& c) {
  expect_object(j, "structure");
  c.array = required_field<NotebookCellArrayChange>(j, "array");
  c.did_open = optional_field<std::vector<TextDocumentItem>>(j, "didOpen");
  c.did_close = optional_field<std::vector<TextDocumentIdentifier>>(j, "didClose");
}

void to_json(json& j, const NotebookCellTextContentChange& c) {
  j = json{{"document", c.document}, {"changes", c.changes}};
}
void from_json(const json& j, NotebookCellTextContentChange& c) {
  expect_object(j, "textContent");
  c.document = required_field<VersionedTextDocumentIdentifier>(j, "document");
  c.changes = required_field<std::vector<TextDocumentContentChangeEvent>>(j, "changes");
}

void to_json(json& j, const NotebookCellsChange& c) {
  j = json::object();
  if (c.structure) j["structure"] = *c.structure;
  if (c.data) j["data"] = *c.data;
  if (c.text_content) j["textContent"] = *c.text_content;
}
void from_json(const json& j, NotebookCellsChange& c) {
  expect_object(j, "cells");
  c.structure = optional_field<NotebookCellStructureChange>(j, "structure");
  c.data = optional_field<std::vector<NotebookCell>>(j, "data");
  c.text_content = optional_field<std::vector<NotebookCellTextContentChange>>(j, "textContent");
}

void to_json(json& j, const NotebookDocumentChangeEvent& e) {
  j = json::object();
  if (e.metadata) j["metadata"] = *e.metadata;
  if (e.cells) j["cells"] = *e.cells;
}
void from_json(const json& j, NotebookDocumentChangeEvent& e) {
  expect_object(j, "change");
  e.metadata = optional_field<json>(j, "metadata");
  e.cells = optional_field<NotebookCellsChange>(j, "cells");
}

void to_json(json& j, const DidChangeNotebookDocumentParams& p) {
  j = json{{"notebookDocument", p.notebook_document}, {"change", p.change}};
}
void from_json(const json& j, DidChangeNotebookDocumentParams& p) {
  expect_object(j, "params");
  p.notebook_document = required_field<VersionedNotebookDocumentIdentifier>(j, "notebookDocument");
  p.change = required_field<NotebookDocumentChangeEvent>(j, "change");
}

void to_json(json& j, const DidSaveNotebookDocumentParams& p) {
  j = json{{"notebookDocument", p.notebook_document}};
}
void from_json(const json& j, DidSaveNotebookDocumentParams& p) {
  expect_object(j, "params");
  p.notebook_document = required_field<NotebookDocumentIdentifier>(j, "notebookDocument");
}

void to_json(json& j, const DidCloseNotebookDocumentParams& p) {
  j = json{{"notebookDocument", p.notebook_document}, {"cellTextDocuments", p.cell_text_documents}};
}
void from_json(const json& j, DidCloseNotebookDocumentParams& p) {
  expect_object(j, "params");
  p.notebook_document = required_field<NotebookDocumentIdentifier>(j, "notebookDocument");
  p.cell_text_documents =
      required_field<std::vector<TextDocumentIdentifier>>(j, "cellTextDocuments");
}

void to_json(json& j, const NotebookDocumentSyncOptions& o) {
  json selectors = json::array();
  for (const NotebookSelector& s : o.notebook_selector) {
    json cells = json::array();
    for (const std::string& language : s.cell_languages) cells.push_back({{"language", language}});
    json selector{{"notebook", s.notebook_type}};
    if (!cells.empty()) selector["cells"] = std::move(cells);
    selectors.push_back(std::move(selector));
  }
  j = json{{"notebookSelector", std::move(selectors)}, {"save", o.save}};
}
void from_json(const json& j, NotebookDocumentSyncOptions& o) {
  expect_object(j, "notebookDocumentSync");
  o.notebook_selector.clear();
  for (const json& s : required_field<std::vector<json>>(j, "notebookSelector")) {
    if (!s.is_object()) throw ParamsError("notebookSelector: expected objects");
    NotebookSelector selector;
    if (const auto it = s.find("notebook"); it != s.end() && it->is_string()) {
      selector.notebook_type = it->get<std::string>();
    } else if (it != s.end() && it->is_object()) {  // a NotebookDocumentFilter
      selector.notebook_type = it->value("notebookType", "");
    }
    for (const json& cell : s.value("cells", json::array())) {
      if (cell.is_object() && cell.contains("language") && cell["language"].is_string()) {
        selector.cell_languages.push_back(cell["language"].get<std::string>());
      }
    }
    o.notebook_selector.push_back(std::move(selector));
  }
  o.save = optional_field<bool>(j, "save").value_or(false);
}

}  // namespace lw::protocol

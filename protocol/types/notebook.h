#pragma once
// Notebook document synchronisation (LSP 3.17): notebookDocument/didOpen, didChange, didSave,
// didClose, and the server's `notebookDocumentSync` capability. A notebook is a list of cells;
// each cell's text is a text document of its own (VS Code: `vscode-notebook-cell:` URIs),
// opened, changed and closed through these notifications, never through textDocument/*.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/types/basic.h"
#include "protocol/types/text_sync.h"

namespace lw::protocol {

using json = nlohmann::json;

enum class NotebookCellKind : std::uint8_t { Markup = 1, Code = 2 };

struct NotebookCell {
  NotebookCellKind kind = NotebookCellKind::Code;
  DocumentUri document;          // the cell's text document
  std::optional<json> metadata;  // kept as sent
  std::optional<json> execution_summary;
};
void to_json(json& j, const NotebookCell& c);
void from_json(const json& j, NotebookCell& c);

struct NotebookDocument {
  DocumentUri uri;
  std::string notebook_type;  // "jupyter-notebook"
  std::int32_t version = 0;
  std::optional<json> metadata;
  std::vector<NotebookCell> cells;
};
void to_json(json& j, const NotebookDocument& n);
void from_json(const json& j, NotebookDocument& n);

struct DidOpenNotebookDocumentParams {
  NotebookDocument notebook_document;
  std::vector<TextDocumentItem> cell_text_documents;
};
void to_json(json& j, const DidOpenNotebookDocumentParams& p);
void from_json(const json& j, DidOpenNotebookDocumentParams& p);

struct VersionedNotebookDocumentIdentifier {
  std::int32_t version = 0;
  DocumentUri uri;
};
void to_json(json& j, const VersionedNotebookDocumentIdentifier& n);
void from_json(const json& j, VersionedNotebookDocumentIdentifier& n);

struct NotebookDocumentIdentifier {
  DocumentUri uri;
};
void to_json(json& j, const NotebookDocumentIdentifier& n);
void from_json(const json& j, NotebookDocumentIdentifier& n);

// Replace `delete_count` cells from `start` by `cells`.
struct NotebookCellArrayChange {
  std::uint32_t start = 0;
  std::uint32_t delete_count = 0;
  std::optional<std::vector<NotebookCell>> cells;
};
void to_json(json& j, const NotebookCellArrayChange& c);
void from_json(const json& j, NotebookCellArrayChange& c);

// The cells' structure changed: the array change, and the text documents of the cells that
// came (didOpen) and went (didClose).
struct NotebookCellStructureChange {
  NotebookCellArrayChange array;
  std::optional<std::vector<TextDocumentItem>> did_open;
  std::optional<std::vector<TextDocumentIdentifier>> did_close;
};
void to_json(json& j, const NotebookCellStructureChange& c);
void from_json(const json& j, NotebookCellStructureChange& c);

// The text of one cell changed (as textDocument/didChange would say it).
struct NotebookCellTextContentChange {
  VersionedTextDocumentIdentifier document;
  std::vector<TextDocumentContentChangeEvent> changes;
};
void to_json(json& j, const NotebookCellTextContentChange& c);
void from_json(const json& j, NotebookCellTextContentChange& c);

struct NotebookCellsChange {
  std::optional<NotebookCellStructureChange> structure;
  std::optional<std::vector<NotebookCell>> data;  // cells whose kind or metadata changed
  std::optional<std::vector<NotebookCellTextContentChange>> text_content;
};
void to_json(json& j, const NotebookCellsChange& c);
void from_json(const json& j, NotebookCellsChange& c);

struct NotebookDocumentChangeEvent {
  std::optional<json> metadata;
  std::optional<NotebookCellsChange> cells;
};
void to_json(json& j, const NotebookDocumentChangeEvent& e);
void from_json(const json& j, NotebookDocumentChangeEvent& e);

struct DidChangeNotebookDocumentParams {
  VersionedNotebookDocumentIdentifier notebook_document;
  NotebookDocumentChangeEvent change;
};
void to_json(json& j, const DidChangeNotebookDocumentParams& p);
void from_json(const json& j, DidChangeNotebookDocumentParams& p);

struct DidSaveNotebookDocumentParams {
  NotebookDocumentIdentifier notebook_document;
};
void to_json(json& j, const DidSaveNotebookDocumentParams& p);
void from_json(const json& j, DidSaveNotebookDocumentParams& p);

struct DidCloseNotebookDocumentParams {
  NotebookDocumentIdentifier notebook_document;
  std::vector<TextDocumentIdentifier> cell_text_documents;
};
void to_json(json& j, const DidCloseNotebookDocumentParams& p);
void from_json(const json& j, DidCloseNotebookDocumentParams& p);

// The server's `notebookDocumentSync`: which notebooks (by type) and which of their cells (by
// language) it wants synchronised, and whether it wants didSave.
struct NotebookSelector {
  std::string notebook_type;
  std::vector<std::string> cell_languages;
};
struct NotebookDocumentSyncOptions {
  std::vector<NotebookSelector> notebook_selector;
  bool save = false;
};
void to_json(json& j, const NotebookDocumentSyncOptions& o);
void from_json(const json& j, NotebookDocumentSyncOptions& o);

}  // namespace lw::protocol

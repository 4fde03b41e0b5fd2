// notebookDocument/didOpen, didChange, didSave, didClose (LSP 3.17 notebook synchronisation).
//
// The cells' text documents are kept in `cell_documents_` (incremental changes applied as for
// textDocument/didChange). After every change the code cells whose document is Python are
// joined again (notebook::CellJoin, as `check` reads an `.ipynb`: IPython magics neutralised,
// `%%bash` cells left out) and the result replaces the text of the notebook's module, an open
// document of `documents_` under the notebook's URI; its analysis (with
// AnalysisOptions::notebook: IPython's autoawait) is the one of any open document, and its
// results go to the cells (notebook_diagnostics.cpp).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "server/lsp/lsp_server.h"

namespace lw::server {
namespace {

constexpr std::string_view kPython = "python";

}  // namespace

void LspServer::on_notebook_did_open(const protocol::DidOpenNotebookDocumentParams& params) {
  const protocol::NotebookDocument& notebook = params.notebook_document;
  if (notebooks_.contains(notebook.uri)) {
    spdlog::warn("notebookDocument/didOpen of {}: already open, replaced", notebook.uri);
    on_notebook_did_close({{notebook.uri}, {}});
  }
  for (const protocol::TextDocumentItem& cell : params.cell_text_documents) {
    cell_documents_.open(cell);
    notebook_of_cell_[cell.uri] = notebook.uri;
  }
  OpenNotebook& open = notebooks_[notebook.uri];
  open.notebook_type = notebook.notebook_type;
  open.version = notebook.version;
  open.cells = notebook.cells;
  spdlog::debug("opened notebook {} (version {}, {} cells)", notebook.uri, notebook.version,
                notebook.cells.size());
  rebuild_notebook_module(notebook.uri, std::chrono::milliseconds{0});
}

void LspServer::on_notebook_did_change(const protocol::DidChangeNotebookDocumentParams& params) {
  const std::string& uri = params.notebook_document.uri;
  const auto it = notebooks_.find(uri);
  if (it == notebooks_.end()) {
    spdlog::error("notebookDocument/didChange of {}: not open", uri);
    return;
  }
  OpenNotebook& notebook = it->second;
  notebook.version = params.notebook_document.version;
  if (!params.change.cells) {  // metadata only: nothing the analysis reads
    return;
  }
  const protocol::NotebookCellsChange& cells = *params.change.cells;
  if (cells.structure) {
    const protocol::NotebookCellArrayChange& array = cells.structure->array;
    const std::size_t start = std::min<std::size_t>(array.start, notebook.cells.size());
    const std::size_t count =
        std::min<std::size_t>(array.delete_count, notebook.cells.size() - start);
    if (start != array.start || count != array.delete_count) {
      spdlog::error("notebookDocument/didChange of {}: cells {}+{} out of range (0..{}), clamped",
                    uri, array.start, array.delete_count, notebook.cells.size());
    }
    const auto first = notebook.cells.begin() + static_cast<std::ptrdiff_t>(start);
    notebook.cells.erase(first, first + static_cast<std::ptrdiff_t>(count));
    if (array.cells) {
      notebook.cells.insert(notebook.cells.begin() + static_cast<std::ptrdiff_t>(start),
                            array.cells->begin(), array.cells->end());
    }
    for (const protocol::TextDocumentIdentifier& closed :
         cells.structure->did_close.value_or(std::vector<protocol::TextDocumentIdentifier>{})) {
      cell_documents_.close(closed.uri);
      notebook_of_cell_.erase(closed.uri);
      if (notebook.published.erase(closed.uri) > 0) publish_empty_diagnostics(closed.uri);
    }
    for (const protocol::TextDocumentItem& opened :
         cells.structure->did_open.value_or(std::vector<protocol::TextDocumentItem>{})) {
      cell_documents_.open(opened);
      notebook_of_cell_[opened.uri] = uri;
    }
  }
  if (cells.data) {
    for (const protocol::NotebookCell& changed : *cells.data) {
      const auto cell = std::find_if(
          notebook.cells.begin(), notebook.cells.end(),
          [&](const protocol::NotebookCell& c) { return c.document == changed.document; });
      if (cell != notebook.cells.end()) *cell = changed;
    }
  }
  if (cells.text_content) {
    for (const protocol::NotebookCellTextContentChange& text : *cells.text_content) {
      if (const auto error = cell_documents_.change(text.document, text.changes, encoding_)) {
        spdlog::error("notebookDocument/didChange of {}: cell {} (version {}) ignored: {}", uri,
                      text.document.uri, text.document.version, *error);
      }
    }
  }
  rebuild_notebook_module(uri, debounce_for(uri));
}

void LspServer::on_notebook_did_save(const protocol::DidSaveNotebookDocumentParams& params) {
  spdlog::debug("saved notebook {}", params.notebook_document.uri);
}

void LspServer::on_notebook_did_close(const protocol::DidCloseNotebookDocumentParams& params) {
  const std::string& uri = params.notebook_document.uri;
  const auto it = notebooks_.find(uri);
  if (it == notebooks_.end()) {
    spdlog::warn("notebookDocument/didClose of {}: not open", uri);
    return;
  }
  scheduler_.cancel(uri);
  // The cells named by the client, and any the notebook still lists.
  std::vector<std::string> cells;
  for (const auto& cell : params.cell_text_documents) cells.push_back(cell.uri);
  for (const auto& cell : it->second.cells) cells.push_back(cell.document);
  for (const std::string& cell : cells) {
    cell_documents_.close(cell);
    notebook_of_cell_.erase(cell);
  }
  for (const auto& [cell, diagnostics] : it->second.published) {
    if (!diagnostics.empty()) publish_empty_diagnostics(cell);
  }
  notebooks_.erase(it);
  documents_.close(uri);
  results_.erase(uri);
  latest_analysis_.erase(uri);
  timing_.erase(uri);
  skipped_large_.erase(uri);
}

void LspServer::rebuild_notebook_module(const std::string& uri, std::chrono::milliseconds delay) {
  OpenNotebook& notebook = notebooks_.at(uri);
  std::vector<std::optional<std::string>> sources;
  sources.reserve(notebook.cells.size());
  for (const protocol::NotebookCell& cell : notebook.cells) {
    const OpenDocument* doc = cell_documents_.find(cell.document);
    const bool python = cell.kind == protocol::NotebookCellKind::Code && doc != nullptr &&
                        doc->language_id == kPython;
    if (python) {
      sources.emplace_back(doc->text());
    } else {
      if (cell.kind == protocol::NotebookCellKind::Code && doc == nullptr) {
        spdlog::error("notebook {}: cell {} has no open text document", uri, cell.document);
      }
      sources.emplace_back(std::nullopt);
    }
  }
  notebook.join = std::make_shared<const notebook::CellJoin>(sources);
  ++notebook.module_version;
  const protocol::TextDocumentItem module{uri, std::string(kPython), notebook.module_version,
                                          notebook.join->module_text()};
  if (documents_.find(uri) == nullptr) {
    documents_.open(module);
  } else {
    const protocol::TextDocumentContentChangeEvent whole{std::nullopt, std::nullopt, module.text};
    documents_.change({uri, module.version}, std::span(&whole, 1), encoding_);
  }
  schedule_analysis(uri, delay);
}

}  // namespace lw::server

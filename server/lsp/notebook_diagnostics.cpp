// The diagnostics of a notebook's module, published per cell: each diagnostic goes to the
// cell its range starts in (a range running into a later cell is cut at the end of its cell),
// with positions in the cell's own text; related locations in the notebook go to their
// cells, those in other files are placed as for any document. A cell is sent only what
// changed since the last publish for it (a cell that has none gets an empty list once).
// Always pushed, even to clients that pull diagnostics: they pull text documents, and VS
// Code's language client never pulls notebook cells.
#include <spdlog/spdlog.h>

#include "server/lsp/lsp_server.h"
#include "server/lsp/notebook_cells.h"

namespace lw::server {

std::vector<protocol::Diagnostic> LspServer::cell_diagnostics(
    const std::string& notebook_uri, std::size_t span, const std::vector<analysis::Diagnostic>& all,
    std::vector<std::size_t>* indices) {
  std::vector<protocol::Diagnostic> out;
  const OpenNotebook& notebook = notebooks_.at(notebook_uri);
  const notebook::CellJoin& join = *notebook.join;
  const CellLocator locator(join);
  const auto cell_source = [&](std::size_t s) -> std::optional<SourceView> {
    const std::string& cell_uri = notebook.cells.at(join.spans()[s].index).document;
    const OpenDocument* doc = cell_documents_.find(cell_uri);
    if (doc == nullptr) return std::nullopt;
    return SourceView{cell_uri, doc->text(), doc->lines, encoding_};
  };
  const auto source = cell_source(span);
  if (!source) return out;
  const LocateInFile locate = related_locator();
  for (std::size_t k = 0; k < all.size(); ++k) {
    const auto place = locator.place_clamped(all[k].range);
    if (!place || place->span != span) continue;
    analysis::Diagnostic in_cell = all[k];
    in_cell.range = place->range;
    std::vector<protocol::DiagnosticRelatedInformation> other_cells;
    std::erase_if(in_cell.related, [&](analysis::RelatedLocation& related) {
      if (!related.path.empty()) return false;
      const auto where = locator.place_clamped(related.range);
      if (!where) return true;
      if (where->span == span) {
        related.range = where->range;
        return false;
      }
      if (const auto other = cell_source(where->span)) {
        other_cells.push_back(
            {{std::string(other->uri), to_lsp_range(where->range, *other)}, related.message});
      }
      return true;
    });
    protocol::Diagnostic lsp = to_lsp_diagnostic(in_cell, *source, locate);
    if (!other_cells.empty()) {
      if (!lsp.related_information) lsp.related_information.emplace();
      lsp.related_information->insert(lsp.related_information->end(), other_cells.begin(),
                                      other_cells.end());
    }
    out.push_back(std::move(lsp));
    if (indices != nullptr) indices->push_back(k);
  }
  return out;
}

void LspServer::publish_notebook_diagnostics(const std::string& uri) {
  const auto results = results_.find(uri);
  const auto it = notebooks_.find(uri);
  if (results == results_.end() || it == notebooks_.end()) return;
  OpenNotebook& notebook = it->second;
  std::unordered_map<std::string, protocol::json> by_cell;
  for (std::size_t span = 0; span < notebook.join->spans().size(); ++span) {
    const std::string& cell = notebook.cells.at(notebook.join->spans()[span].index).document;
    by_cell[cell] = cell_diagnostics(uri, span, results->second.diagnostics);
  }
  for (const protocol::NotebookCell& cell : notebook.cells) {
    const auto found = by_cell.find(cell.document);
    protocol::json diagnostics =
        found == by_cell.end() ? protocol::json::array() : std::move(found->second);
    const auto last = notebook.published.find(cell.document);
    if (last != notebook.published.end() && last->second == diagnostics) continue;
    const OpenDocument* doc = cell_documents_.find(cell.document);
    protocol::json params{{"uri", cell.document}, {"diagnostics", diagnostics}};
    if (doc != nullptr) params["version"] = doc->version;
    notify("textDocument/publishDiagnostics", std::move(params));
    notebook.published[cell.document] = std::move(diagnostics);
  }
}

}  // namespace lw::server

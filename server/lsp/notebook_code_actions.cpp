// textDocument/codeAction in a notebook cell. The actions are those of a text document
// (code_actions.cpp) for the diagnostics of the notebook's analysis that start in this cell
// and meet the requested range, with each fix's edits placed in the cells: a fix whose edit
// would span two cells is not offered; a fix touching several cells (an import added at the
// top of the first code cell, the call changed in this one) edits each of them, one
// TextDocumentEdit per cell document. `source.fixAll.loopwarden` applies every safe fix to
// the whole module (analysis::fix_all) and replaces the text of each cell that changed
// (notebook::CellJoin::split: the module's lines back to their cells, magics kept).
// Edits are always computed at once (no lazy codeAction/resolve for cells).
#include <spdlog/spdlog.h>

#include <map>

#include "server/lsp/code_action_support.h"
#include "server/lsp/lsp_server.h"
#include "server/lsp/notebook_cells.h"

namespace lw::server {
namespace {

using CellEdits = std::map<std::string, std::vector<protocol::TextEdit>>;  // cell URI -> edits

}  // namespace

void LspServer::on_notebook_code_action(const std::string& notebook_uri,
                                        const protocol::CodeActionParams& params,
                                        const Reply& reply) {
  const std::string& cell_uri = params.text_document.uri;
  const auto& support = client_capabilities_.text_document.code_action;
  const auto nb = notebooks_.find(notebook_uri);
  const OpenDocument* cell = cell_documents_.find(cell_uri);
  const OpenDocument* module = documents_.find(notebook_uri);
  if (!support || !support->literal_support || nb == notebooks_.end() || cell == nullptr ||
      module == nullptr || too_large(*module)) {
    reply.result(protocol::json::array());
    return;
  }
  const OpenNotebook& notebook = nb->second;
  const notebook::CellJoin& join = *notebook.join;
  const CellLocator locator(join);
  std::optional<std::size_t> span;
  for (std::size_t i = 0; i < notebook.cells.size() && !span; ++i) {
    if (notebook.cells[i].document == cell_uri) span = locator.span_of_cell(i);
  }
  if (!span) {  // markdown, another language, a `%%bash` cell: not analysed
    reply.result(protocol::json::array());
    return;
  }
  const auto wanted = [&](std::string_view kind) {
    if (!params.context.only) return true;
    return std::any_of(params.context.only->begin(), params.context.only->end(),
                       [&](const std::string& filter) {
                         return protocol::code_action_kind_matches(kind, filter);
                       });
  };
  const bool document_changes = client_capabilities_.workspace.workspace_edit &&
                                client_capabilities_.workspace.workspace_edit->document_changes;
  const auto workspace_edit = [&](CellEdits edits) {
    protocol::WorkspaceEdit edit;
    if (document_changes) {
      edit.document_changes.emplace();
      for (auto& [uri, cell_edits] : edits) {
        const OpenDocument* doc = cell_documents_.find(uri);
        edit.document_changes->push_back(
            {protocol::OptionalVersionedTextDocumentIdentifier{
                 uri, doc != nullptr ? std::optional(doc->version) : std::nullopt},
             std::move(cell_edits)});
      }
    } else {
      edit.changes = std::move(edits);
    }
    return edit;
  };
  // A fix's edits by cell; nullopt when one of them cannot be an edit of one cell.
  const auto place_fix = [&](const analysis::Fix& fix) -> std::optional<CellEdits> {
    CellEdits edits;
    for (const analysis::TextEdit& e : fix.edits) {
      std::string replacement = e.replacement;
      const auto place = locator.place_edit(e.range, replacement);
      if (!place) return std::nullopt;
      const std::string& uri = notebook.cells.at(join.spans()[place->span].index).document;
      const OpenDocument* doc = cell_documents_.find(uri);
      if (doc == nullptr) return std::nullopt;
      const SourceView view{uri, doc->text(), doc->lines, encoding_};
      edits[uri].push_back({to_lsp_range(place->range, view), std::move(replacement)});
    }
    return edits;
  };

  const std::string& text = cell->text();
  std::uint32_t from = cell->lines.to_offset(text, params.range.start, encoding_);
  std::uint32_t to = cell->lines.to_offset(text, params.range.end, encoding_);
  if (from > to) std::swap(from, to);

  const std::vector<analysis::Diagnostic> diagnostics = diagnostics_for_actions(notebook_uri);
  std::vector<std::size_t> indices;
  const std::vector<protocol::Diagnostic> in_cell =
      cell_diagnostics(notebook_uri, *span, diagnostics, &indices);
  std::vector<protocol::CodeAction> actions;
  const bool quickfix = wanted(protocol::kCodeActionQuickFix);
  const bool rewrite = wanted(protocol::kCodeActionRefactorRewrite);
  for (std::size_t n = 0; n < indices.size() && (quickfix || rewrite); ++n) {
    const analysis::Diagnostic& d = diagnostics[indices[n]];
    const auto place = locator.place_clamped(d.range);
    if (!place || place->range.end < from || place->range.start > to) continue;
    protocol::Diagnostic lsp = in_cell[n];
    for (const protocol::Diagnostic& sent : params.context.diagnostics) {
      if (same_diagnostic(sent, lsp)) {
        lsp = sent;
        break;
      }
    }
    bool first = true;
    for (const analysis::Fix& fix : d.fixes) {
      if (!offered(fix)) continue;
      const bool preferred = first && fix.applicability == analysis::Applicability::Safe;
      first = false;
      auto edits = place_fix(fix);
      if (!edits) {
        spdlog::debug("{}: fix '{}' spans cells, not offered", cell_uri, fix.title);
        continue;
      }
      if (quickfix) {
        protocol::CodeAction action;
        action.title = fix.title;
        action.kind = std::string(protocol::kCodeActionQuickFix);
        action.diagnostics = std::vector<protocol::Diagnostic>{lsp};
        if (preferred) action.is_preferred = true;
        action.edit = workspace_edit(*edits);
        actions.push_back(std::move(action));
      }
      if (rewrite && is_rewrite(fix)) {
        protocol::CodeAction action;
        action.title = fix.title;
        action.kind = std::string(protocol::kCodeActionRefactorRewrite);
        action.edit = workspace_edit(std::move(*edits));
        actions.push_back(std::move(action));
      }
    }
  }

  if (wanted(protocol::kCodeActionSourceFixAll) && has_safe_fix(diagnostics)) {
    analysis::AnalysisOptions options = analysis_options_for(notebook_uri);
    options.notebook = true;
    const std::string fixed = fix_all_text(
        module->text(), options, analysis::FileContext{identity_for(notebook_uri), index_.get()});
    CellEdits edits;
    if (fixed != module->text()) {
      const std::vector<std::string> cells = join.split(fixed);
      for (std::size_t s = 0; s < cells.size() && s < join.spans().size(); ++s) {
        const std::string& uri = notebook.cells.at(join.spans()[s].index).document;
        const OpenDocument* doc = cell_documents_.find(uri);
        if (doc == nullptr || doc->text() == cells[s]) continue;
        const SourceView view{uri, doc->text(), doc->lines, encoding_};
        const analysis::ByteRange whole{0, static_cast<std::uint32_t>(doc->text().size())};
        edits[uri].push_back({to_lsp_range(whole, view), cells[s]});
      }
    }
    if (!edits.empty()) {
      protocol::CodeAction action;
      action.title = std::string(kFixAllTitle);
      action.kind = std::string(protocol::kCodeActionSourceFixAll);
      action.edit = workspace_edit(std::move(edits));
      actions.push_back(std::move(action));
    }
  }
  reply.result(actions);
}

}  // namespace lw::server

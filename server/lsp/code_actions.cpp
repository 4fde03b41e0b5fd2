// textDocument/codeAction and codeAction/resolve.
//
// For the diagnostics whose range meets the requested one (touching counts: an empty range at
// the cursor right after a call still finds it), every fix with edits becomes a `quickfix`
// action in the diagnostic's own order, tied to that diagnostic; the first is `isPreferred`
// when it is Safe. "Disable LWxxx for this line" (Manual) comes last and is never preferred.
// Display-only suggestions are not actions: they change nothing. LW301's "Convert to
// `asyncio.gather`" is offered again as `refactor.rewrite` (no diagnostic attached). The
// document-wide `source.fixAll.loopwarden` applies every safe fix (analysis::fix_all, the same
// rounds as `check --fix`) as one edit, offered when some diagnostic has a safe fix.
//
// `context.only` filters by kind prefix (`source` takes `source.fixAll.loopwarden`). A client
// without `codeActionLiteralSupport` gets an empty list (loopwarden has no commands).
//
// Lazy edits: when the client announces `resolveSupport.properties` with "edit" and
// `dataSupport`, actions come without `edit` and with `data` = {uri, version, diagnostic
// index, its rule and byte range, fix index} (or {uri, version, fixAll}); codeAction/resolve
// computes the edit. If the document changed (another version, closed) or the diagnostic is
// no longer there, resolve answers ContentModified (-32801), the LSP error for "the result
// was computed on content that changed"; vscode-languageclient then keeps the action as it
// was and applies nothing.
//
// Edits: byte ranges -> positions in the negotiated encoding (convert.h). A WorkspaceEdit
// uses `documentChanges` with the document version when the client supports it, else
// `changes`.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/engine.h"
#include "analysis/fixes/apply.h"
#include "analysis/fixes/fix_all.h"
#include "analysis/rules/catalog.h"
#include "protocol/types/code_action.h"
#include "server/lsp/code_action_support.h"
#include "server/lsp/convert.h"
#include "server/lsp/lsp_server.h"

namespace lw::server {

// The diagnostics code actions are built from: the latest analysis when it is of the current
// version; otherwise (an action asked for within the debounce after an edit) the same analysis,
// run now on this thread.
std::vector<analysis::Diagnostic> LspServer::diagnostics_for_actions(const std::string& uri) {
  const OpenDocument* doc = documents_.find(uri);
  if (doc == nullptr || too_large(*doc)) return {};  // never analysed on this thread
  if (const auto it = results_.find(uri);
      it != results_.end() && it->second.version == doc->version) {
    return it->second.diagnostics;
  }
  const auto job = make_analysis_job(uri, *doc);
  AnalysisResult result = run_analysis(*job);
  if (result.parsed) documents_.adopt_parse(uri, result.revision, std::move(*result.parsed));
  return std::move(result.diagnostics);
}

namespace {

using protocol::json;

struct EditTarget {
  const std::string& uri;
  std::int32_t version;
  const SourceView& source;
  bool document_changes;
};

protocol::WorkspaceEdit workspace_edit(const EditTarget& target,
                                       const std::vector<analysis::TextEdit>& edits) {
  std::vector<protocol::TextEdit> converted;
  converted.reserve(edits.size());
  for (const analysis::TextEdit& e : edits) {
    converted.push_back({to_lsp_range(e.range, target.source), e.replacement});
  }
  protocol::WorkspaceEdit edit;
  if (target.document_changes) {
    edit.document_changes = std::vector<protocol::TextDocumentEdit>{
        {protocol::OptionalVersionedTextDocumentIdentifier{target.uri, target.version},
         std::move(converted)}};
  } else {
    edit.changes.emplace();
    (*edit.changes)[target.uri] = std::move(converted);
  }
  return edit;
}

// The fields of an action's `data`, as textDocument/codeAction wrote them.
struct ActionData {
  std::string uri;
  std::int32_t version = 0;
  bool fix_all = false;
  std::size_t diagnostic = 0;
  std::string rule;
  analysis::ByteRange range;
  std::size_t fix = 0;
};

json to_data(const ActionData& d) {
  json data{{"uri", d.uri}, {"version", d.version}};
  if (d.fix_all) {
    data["fixAll"] = true;
  } else {
    data["diagnostic"] = d.diagnostic;
    data["rule"] = d.rule;
    data["range"] = json::array({d.range.start, d.range.end});
    data["fix"] = d.fix;
  }
  return data;
}

std::optional<ActionData> from_data(const json& data) {
  if (!data.is_object()) return std::nullopt;
  try {
    ActionData d;
    d.uri = data.at("uri").get<std::string>();
    d.version = data.at("version").get<std::int32_t>();
    d.fix_all = data.value("fixAll", false);
    if (!d.fix_all) {
      d.diagnostic = data.at("diagnostic").get<std::size_t>();
      d.rule = data.at("rule").get<std::string>();
      const json& range = data.at("range");
      if (!range.is_array() || range.size() != 2) return std::nullopt;
      d.range = {range[0].get<std::uint32_t>(), range[1].get<std::uint32_t>()};
      d.fix = data.at("fix").get<std::size_t>();
    }
    return d;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

void LspServer::on_code_action(const protocol::CodeActionParams& params, const Reply& reply) {
  const std::string& uri = params.text_document.uri;
  if (const auto cell = notebook_of_cell_.find(uri); cell != notebook_of_cell_.end()) {
    on_notebook_code_action(cell->second, params, reply);
    return;
  }
  const auto& support = client_capabilities_.text_document.code_action;
  const OpenDocument* doc = documents_.find(uri);
  if (doc == nullptr || !support || !support->literal_support) {
    if (doc == nullptr) spdlog::debug("codeAction for {}: not an open document", uri);
    reply.result(json::array());
    return;
  }
  const bool lazy = support->data_support && std::find(support->resolve_properties.begin(),
                                                       support->resolve_properties.end(),
                                                       "edit") != support->resolve_properties.end();
  const auto wanted = [&](std::string_view kind) {
    if (!params.context.only) return true;
    return std::any_of(params.context.only->begin(), params.context.only->end(),
                       [&](const std::string& filter) {
                         return protocol::code_action_kind_matches(kind, filter);
                       });
  };

  const std::string& text = doc->text();
  const SourceView source{uri, text, doc->lines, encoding_};
  const EditTarget target{uri, doc->version, source,
                          client_capabilities_.workspace.workspace_edit &&
                              client_capabilities_.workspace.workspace_edit->document_changes};
  std::uint32_t from = doc->lines.to_offset(text, params.range.start, encoding_);
  std::uint32_t to = doc->lines.to_offset(text, params.range.end, encoding_);
  if (from > to) std::swap(from, to);

  const std::vector<analysis::Diagnostic> diagnostics = diagnostics_for_actions(uri);
  std::vector<protocol::CodeAction> actions;
  const bool quickfix = wanted(protocol::kCodeActionQuickFix);
  const bool rewrite = wanted(protocol::kCodeActionRefactorRewrite);
  for (std::size_t k = 0; k < diagnostics.size() && (quickfix || rewrite); ++k) {
    const analysis::Diagnostic& d = diagnostics[k];
    if (d.range.end < from || d.range.start > to) continue;
    protocol::Diagnostic lsp = to_lsp_diagnostic(d, source);
    for (const protocol::Diagnostic& sent : params.context.diagnostics) {
      if (same_diagnostic(sent, lsp)) {
        lsp = sent;  // the client's own copy, as it may compare them
        break;
      }
    }
    bool first = true;
    for (std::size_t f = 0; f < d.fixes.size(); ++f) {
      const analysis::Fix& fix = d.fixes[f];
      if (!offered(fix)) continue;
      const bool preferred = first && fix.applicability == analysis::Applicability::Safe;
      first = false;
      const ActionData data{
          uri, doc->version, false, k, std::string(analysis::rule_info(d.rule).code), d.range, f};
      auto make = [&](std::string_view kind) {
        protocol::CodeAction action;
        action.title = fix.title;
        action.kind = std::string(kind);
        if (lazy) {
          action.data = to_data(data);
        } else {
          action.edit = workspace_edit(target, fix.edits);
        }
        return action;
      };
      if (quickfix) {
        protocol::CodeAction action = make(protocol::kCodeActionQuickFix);
        action.diagnostics = std::vector<protocol::Diagnostic>{lsp};
        if (preferred) action.is_preferred = true;
        actions.push_back(std::move(action));
      }
      if (rewrite && is_rewrite(fix)) {
        actions.push_back(make(protocol::kCodeActionRefactorRewrite));
      }
    }
  }

  if (wanted(protocol::kCodeActionSourceFixAll) && has_safe_fix(diagnostics)) {
    protocol::CodeAction action;
    action.title = std::string(kFixAllTitle);
    action.kind = std::string(protocol::kCodeActionSourceFixAll);
    if (lazy) {
      action.data = to_data(ActionData{uri, doc->version, true, 0, {}, {}, 0});
      actions.push_back(std::move(action));
    } else if (auto edits = fix_all_edits(text, analysis_options_for(uri),
                                          analysis::FileContext{identity_for(uri), index_.get()});
               !edits.empty()) {
      action.edit = workspace_edit(target, edits);
      actions.push_back(std::move(action));
    }
  }
  reply.result(actions);
}

void LspServer::on_code_action_resolve(const protocol::CodeAction& params, const Reply& reply) {
  const std::optional<ActionData> data =
      params.data ? from_data(*params.data) : std::optional<ActionData>{};
  if (!data) {
    reply.error(protocol::ErrorCode::InvalidParams,
                "codeAction/resolve: not a loopwarden code action (no valid 'data')");
    return;
  }
  const OpenDocument* doc = documents_.find(data->uri);
  if (doc == nullptr || doc->version != data->version || too_large(*doc)) {
    reply.error(
        protocol::ErrorCode::ContentModified,
        "codeAction/resolve: " + data->uri +
            (doc == nullptr ? " is no longer open" : " changed since the action was offered"));
    return;
  }
  const std::string& text = doc->text();
  const SourceView source{data->uri, text, doc->lines, encoding_};
  const EditTarget target{data->uri, doc->version, source,
                          client_capabilities_.workspace.workspace_edit &&
                              client_capabilities_.workspace.workspace_edit->document_changes};
  protocol::CodeAction resolved = params;
  if (data->fix_all) {
    resolved.edit = workspace_edit(
        target, fix_all_edits(text, analysis_options_for(data->uri),
                              analysis::FileContext{identity_for(data->uri), index_.get()}));
    reply.result(resolved);
    return;
  }
  const std::vector<analysis::Diagnostic> diagnostics = diagnostics_for_actions(data->uri);
  const analysis::Diagnostic* d =
      data->diagnostic < diagnostics.size() ? &diagnostics[data->diagnostic] : nullptr;
  if (d == nullptr || analysis::rule_info(d->rule).code != data->rule || d->range != data->range ||
      data->fix >= d->fixes.size() || !offered(d->fixes[data->fix])) {
    reply.error(protocol::ErrorCode::ContentModified,
                "codeAction/resolve: the diagnostic is no longer there");
    return;
  }
  resolved.edit = workspace_edit(target, d->fixes[data->fix].edits);
  reply.result(resolved);
}

}  // namespace lw::server

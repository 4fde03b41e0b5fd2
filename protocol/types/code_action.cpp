#include "protocol/types/code_action.h"

#include <algorithm>

#include "protocol/types/json_read.h"

namespace lw::protocol {

bool code_action_kind_matches(std::string_view kind, std::string_view filter) {
  if (filter.empty() || kind == filter) return true;
  return kind.size() > filter.size() && kind.starts_with(filter) && kind[filter.size()] == '.';
}

void to_json(json& j, const TextEdit& e) { j = json{{"range", e.range}, {"newText", e.new_text}}; }
void from_json(const json& j, TextEdit& e) {
  expect_object(j, "textEdit");
  e.range = required_field<Range>(j, "range");
  e.new_text = required_field<std::string>(j, "newText");
}

void to_json(json& j, const OptionalVersionedTextDocumentIdentifier& t) {
  j = json{{"uri", t.uri}, {"version", nullptr}};
  if (t.version) j["version"] = *t.version;
}
void from_json(const json& j, OptionalVersionedTextDocumentIdentifier& t) {
  expect_object(j, "textDocument");
  t.uri = required_field<std::string>(j, "uri");
  t.version = optional_field<std::int32_t>(j, "version");
}

void to_json(json& j, const TextDocumentEdit& e) {
  j = json{{"textDocument", e.text_document}, {"edits", e.edits}};
}
void from_json(const json& j, TextDocumentEdit& e) {
  expect_object(j, "textDocumentEdit");
  e.text_document = required_field<OptionalVersionedTextDocumentIdentifier>(j, "textDocument");
  e.edits = required_field<std::vector<TextEdit>>(j, "edits");
}

void to_json(json& j, const WorkspaceEdit& e) {
  j = json::object();
  if (e.changes) {
    json changes = json::object();
    for (const auto& [uri, edits] : *e.changes) changes[uri] = edits;
    j["changes"] = std::move(changes);
  }
  if (e.document_changes) j["documentChanges"] = *e.document_changes;
}
void from_json(const json& j, WorkspaceEdit& e) {
  expect_object(j, "workspaceEdit");
  e.changes.reset();
  if (const auto changes = optional_field<json>(j, "changes")) {
    expect_object(*changes, "changes");
    e.changes.emplace();
    for (const auto& [uri, edits] : changes->items()) {
      (*e.changes)[uri] = required_field<std::vector<TextEdit>>(*changes, uri);
    }
  }
  e.document_changes = optional_field<std::vector<TextDocumentEdit>>(j, "documentChanges");
}

void to_json(json& j, const CodeActionContext& c) {
  j = json{{"diagnostics", c.diagnostics}};
  if (c.only) j["only"] = *c.only;
  if (c.trigger_kind) j["triggerKind"] = *c.trigger_kind;
}
void from_json(const json& j, CodeActionContext& c) {
  expect_object(j, "context");
  // The client's diagnostics are only hints (loopwarden finds its own by range): one in an
  // unexpected shape, perhaps another tool's, is skipped rather than failing the request.
  c.diagnostics.clear();
  if (const auto diagnostics = tolerant_field<json>(j, "diagnostics"); diagnostics) {
    if (diagnostics->is_array()) {
      for (const json& d : *diagnostics) {
        Diagnostic read;
        try {
          read_value(d, read);
        } catch (const ParamsError&) {
          continue;
        }
        c.diagnostics.push_back(std::move(read));
      }
    }
  }
  c.only = optional_field<std::vector<std::string>>(j, "only");
  c.trigger_kind = optional_field<int>(j, "triggerKind");
}

void to_json(json& j, const CodeActionParams& p) {
  j = json{{"textDocument", p.text_document}, {"range", p.range}, {"context", p.context}};
}
void from_json(const json& j, CodeActionParams& p) {
  expect_object(j, "params");
  p.text_document = required_field<TextDocumentIdentifier>(j, "textDocument");
  p.range = required_field<Range>(j, "range");
  p.context = optional_field<CodeActionContext>(j, "context").value_or(CodeActionContext{});
}

void to_json(json& j, const CodeAction& a) {
  j = json{{"title", a.title}};
  if (a.kind) j["kind"] = *a.kind;
  if (a.diagnostics) j["diagnostics"] = *a.diagnostics;
  if (a.is_preferred) j["isPreferred"] = *a.is_preferred;
  if (a.edit) j["edit"] = *a.edit;
  if (a.data) j["data"] = *a.data;
}
void from_json(const json& j, CodeAction& a) {
  expect_object(j, "codeAction");
  a.title = required_field<std::string>(j, "title");
  a.kind = optional_field<std::string>(j, "kind");
  a.diagnostics = optional_field<std::vector<Diagnostic>>(j, "diagnostics");
  a.is_preferred = optional_field<bool>(j, "isPreferred");
  a.edit = optional_field<WorkspaceEdit>(j, "edit");
  a.data.reset();
  if (const auto it = j.find("data"); it != j.end()) a.data = *it;
}

void to_json(json& j, const CodeActionOptions& o) {
  j = json{{"codeActionKinds", o.code_action_kinds}, {"resolveProvider", o.resolve_provider}};
}
void from_json(const json& j, CodeActionOptions& o) {
  expect_object(j, "codeActionProvider");
  o.code_action_kinds = optional_field<std::vector<std::string>>(j, "codeActionKinds")
                            .value_or(std::vector<std::string>{});
  o.resolve_provider = optional_field<bool>(j, "resolveProvider").value_or(false);
}

void to_json(json& j, const CodeActionClientCapabilities& c) {
  j = json{{"isPreferredSupport", c.is_preferred_support}, {"dataSupport", c.data_support}};
  if (c.literal_support) {
    j["codeActionLiteralSupport"] = json{{"codeActionKind", {{"valueSet", c.kind_value_set}}}};
  }
  if (!c.resolve_properties.empty()) {
    j["resolveSupport"] = json{{"properties", c.resolve_properties}};
  }
}
void from_json(const json& j, CodeActionClientCapabilities& c) {
  c.literal_support = false;
  c.kind_value_set.clear();
  if (const auto literal = tolerant_field<json>(j, "codeActionLiteralSupport");
      literal && literal->is_object()) {
    c.literal_support = true;
    if (const auto kind = tolerant_field<json>(*literal, "codeActionKind")) {
      c.kind_value_set = tolerant_field<std::vector<std::string>>(*kind, "valueSet")
                             .value_or(std::vector<std::string>{});
    }
  }
  c.is_preferred_support = tolerant_field<bool>(j, "isPreferredSupport").value_or(false);
  c.data_support = tolerant_field<bool>(j, "dataSupport").value_or(false);
  c.resolve_properties.clear();
  if (const auto resolve = tolerant_field<json>(j, "resolveSupport")) {
    c.resolve_properties = tolerant_field<std::vector<std::string>>(*resolve, "properties")
                               .value_or(std::vector<std::string>{});
  }
}

void to_json(json& j, const WorkspaceEditClientCapabilities& c) {
  j = json{{"documentChanges", c.document_changes}};
}
void from_json(const json& j, WorkspaceEditClientCapabilities& c) {
  c.document_changes = tolerant_field<bool>(j, "documentChanges").value_or(false);
}

void to_json(json& j, const WorkspaceClientCapabilities& c) {
  j = json::object();
  if (c.workspace_edit) j["workspaceEdit"] = *c.workspace_edit;
}
void from_json(const json& j, WorkspaceClientCapabilities& c) {
  c.workspace_edit = tolerant_field<WorkspaceEditClientCapabilities>(j, "workspaceEdit");
}

}  // namespace lw::protocol

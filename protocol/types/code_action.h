#pragma once
// Code actions: textDocument/codeAction and codeAction/resolve, the edits they carry
// (TextEdit, TextDocumentEdit, WorkspaceEdit) and the capabilities both sides announce.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/types/basic.h"
#include "protocol/types/diagnostics.h"

namespace lw::protocol {

using json = nlohmann::json;

// CodeActionKind values loopwarden produces. Kinds are hierarchical, dot-separated.
inline constexpr std::string_view kCodeActionQuickFix = "quickfix";
inline constexpr std::string_view kCodeActionRefactorRewrite = "refactor.rewrite";
inline constexpr std::string_view kCodeActionSourceFixAll = "source.fixAll.loopwarden";

// True when `kind` is `filter` or below it (`source` matches `source.fixAll.loopwarden`;
// the empty kind matches everything), as `CodeActionContext.only` is meant.
bool code_action_kind_matches(std::string_view kind, std::string_view filter);

struct TextEdit {
  Range range;
  std::string new_text;
  friend bool operator==(const TextEdit&, const TextEdit&) = default;
};
void to_json(json& j, const TextEdit& e);
void from_json(const json& j, TextEdit& e);

struct OptionalVersionedTextDocumentIdentifier {
  DocumentUri uri;
  std::optional<std::int32_t> version;  // null: the edit does not depend on a version
  friend bool operator==(const OptionalVersionedTextDocumentIdentifier&,
                         const OptionalVersionedTextDocumentIdentifier&) = default;
};
void to_json(json& j, const OptionalVersionedTextDocumentIdentifier& t);
void from_json(const json& j, OptionalVersionedTextDocumentIdentifier& t);

struct TextDocumentEdit {
  OptionalVersionedTextDocumentIdentifier text_document;
  std::vector<TextEdit> edits;
  friend bool operator==(const TextDocumentEdit&, const TextDocumentEdit&) = default;
};
void to_json(json& j, const TextDocumentEdit& e);
void from_json(const json& j, TextDocumentEdit& e);

// Either `changes` (uri -> edits) or `documentChanges` (versioned edits; only when the client
// announced workspace.workspaceEdit.documentChanges). Resource operations are not used.
struct WorkspaceEdit {
  std::optional<std::map<DocumentUri, std::vector<TextEdit>>> changes;
  std::optional<std::vector<TextDocumentEdit>> document_changes;
  friend bool operator==(const WorkspaceEdit&, const WorkspaceEdit&) = default;
};
void to_json(json& j, const WorkspaceEdit& e);
void from_json(const json& j, WorkspaceEdit& e);

struct CodeActionContext {
  std::vector<Diagnostic> diagnostics;
  std::optional<std::vector<std::string>> only;  // kinds (prefixes) wanted; absent: all
  std::optional<int> trigger_kind;               // 1 invoked, 2 automatic
};
void to_json(json& j, const CodeActionContext& c);
void from_json(const json& j, CodeActionContext& c);

struct CodeActionParams {
  TextDocumentIdentifier text_document;
  Range range;
  CodeActionContext context;
};
void to_json(json& j, const CodeActionParams& p);
void from_json(const json& j, CodeActionParams& p);

struct CodeAction {
  std::string title;
  std::optional<std::string> kind;
  std::optional<std::vector<Diagnostic>> diagnostics;
  std::optional<bool> is_preferred;
  std::optional<WorkspaceEdit> edit;
  std::optional<json> data;  // kept between textDocument/codeAction and codeAction/resolve
  friend bool operator==(const CodeAction&, const CodeAction&) = default;
};
void to_json(json& j, const CodeAction& a);
void from_json(const json& j, CodeAction& a);

// The server's `codeActionProvider`.
struct CodeActionOptions {
  std::vector<std::string> code_action_kinds;
  bool resolve_provider = false;
};
void to_json(json& j, const CodeActionOptions& o);
void from_json(const json& j, CodeActionOptions& o);

// textDocument.codeAction (read tolerantly, like every client capability).
struct CodeActionClientCapabilities {
  // codeActionLiteralSupport present: the client takes CodeAction literals (not only Commands).
  bool literal_support = false;
  std::vector<std::string> kind_value_set;  // codeActionLiteralSupport.codeActionKind.valueSet
  bool is_preferred_support = false;
  bool data_support = false;
  std::vector<std::string> resolve_properties;  // resolveSupport.properties
};
void to_json(json& j, const CodeActionClientCapabilities& c);
void from_json(const json& j, CodeActionClientCapabilities& c);

// workspace.workspaceEdit
struct WorkspaceEditClientCapabilities {
  bool document_changes = false;
};
void to_json(json& j, const WorkspaceEditClientCapabilities& c);
void from_json(const json& j, WorkspaceEditClientCapabilities& c);

struct WorkspaceClientCapabilities {
  std::optional<WorkspaceEditClientCapabilities> workspace_edit;
};
void to_json(json& j, const WorkspaceClientCapabilities& c);
void from_json(const json& j, WorkspaceClientCapabilities& c);

}  // namespace lw::protocol

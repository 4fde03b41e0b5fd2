// protocol/types/code_action.h: kinds, edits, params and capabilities to and from JSON.
#include <gtest/gtest.h>

#include "protocol/types/code_action.h"
#include "protocol/types/json_read.h"
#include "protocol/types/lifecycle.h"

namespace lw::protocol {
namespace {

template <class T>
T parse(const char* text) {
  T out{};
  read_value(json::parse(text), out);
  return out;
}

TEST(CodeActionTypes, KindMatchingIsByDottedPrefix) {
  EXPECT_TRUE(code_action_kind_matches("source.fixAll.loopwarden", "source"));
  EXPECT_TRUE(code_action_kind_matches("source.fixAll.loopwarden", "source.fixAll"));
  EXPECT_TRUE(code_action_kind_matches("source.fixAll.loopwarden", "source.fixAll.loopwarden"));
  EXPECT_TRUE(code_action_kind_matches("quickfix", ""));
  EXPECT_TRUE(code_action_kind_matches("refactor.rewrite", "refactor"));
  EXPECT_FALSE(code_action_kind_matches("quickfix", "quick"));
  EXPECT_FALSE(code_action_kind_matches("source.fixAll.loopwarden", "source.fix"));
  EXPECT_FALSE(code_action_kind_matches("source", "source.fixAll"));
  EXPECT_FALSE(code_action_kind_matches("refactor.rewrite", "quickfix"));
}

TEST(CodeActionTypes, ParamsWithContext) {
  const auto params = parse<CodeActionParams>(R"({
    "textDocument": {"uri": "file:///a.py"},
    "range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 4}},
    "context": {"diagnostics": [
        {"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 4}},
         "message": "m", "code": "LW102", "source": "loopwarden"},
        {"range": "not a range", "message": "another tool's odd diagnostic"}],
      "only": ["quickfix"], "triggerKind": 1}})");
  EXPECT_EQ(params.text_document.uri, "file:///a.py");
  EXPECT_EQ(params.range, (Range{{1, 2}, {1, 4}}));
  ASSERT_EQ(params.context.diagnostics.size(), 1U);  // the malformed one is skipped
  EXPECT_EQ(params.context.diagnostics[0].code, DiagnosticCode{std::string("LW102")});
  EXPECT_EQ(params.context.only, std::vector<std::string>{"quickfix"});
  EXPECT_EQ(params.context.trigger_kind, 1);
  // No context at all is accepted as an empty one.
  const auto bare = parse<CodeActionParams>(
      R"({"textDocument": {"uri": "u"}, "range": {"start": {"line": 0, "character": 0},
          "end": {"line": 0, "character": 0}}})");
  EXPECT_TRUE(bare.context.diagnostics.empty());
  EXPECT_FALSE(bare.context.only);
}

TEST(CodeActionTypes, ActionRoundTrip) {
  CodeAction action;
  action.title = "Replace";
  action.kind = "quickfix";
  action.is_preferred = true;
  action.edit = WorkspaceEdit{};
  action.edit->document_changes =
      std::vector<TextDocumentEdit>{{{"file:///a.py", 3}, {{Range{{0, 0}, {0, 1}}, "x"}}}};
  action.data = json{{"fix", 0}};
  const json j = action;
  EXPECT_EQ(j, json::parse(R"({"title": "Replace", "kind": "quickfix", "isPreferred": true,
      "edit": {"documentChanges": [{"textDocument": {"uri": "file:///a.py", "version": 3},
        "edits": [{"range": {"start": {"line": 0, "character": 0},
                             "end": {"line": 0, "character": 1}}, "newText": "x"}]}]},
      "data": {"fix": 0}})"));
  EXPECT_EQ(parse<CodeAction>(j.dump().c_str()), action);

  WorkspaceEdit changes;
  changes.changes.emplace();
  (*changes.changes)["file:///b.py"] = {{Range{{1, 0}, {1, 0}}, "import asyncio\n"}};
  const json c = changes;
  EXPECT_EQ(c["changes"]["file:///b.py"][0]["newText"], "import asyncio\n");
  EXPECT_FALSE(c.contains("documentChanges"));
  EXPECT_EQ(parse<WorkspaceEdit>(c.dump().c_str()), changes);
  // An unversioned document edit has `"version": null`.
  EXPECT_TRUE(
      json(OptionalVersionedTextDocumentIdentifier{"u", std::nullopt})["version"].is_null());
}

TEST(CodeActionTypes, ClientCapabilitiesAreReadTolerantly) {
  const auto capabilities = parse<ClientCapabilities>(R"({
    "textDocument": {"codeAction": {
      "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}},
      "isPreferredSupport": true, "dataSupport": true,
      "resolveSupport": {"properties": ["edit"]}}},
    "workspace": {"workspaceEdit": {"documentChanges": true}}})");
  ASSERT_TRUE(capabilities.text_document.code_action);
  const CodeActionClientCapabilities& code_action = *capabilities.text_document.code_action;
  EXPECT_TRUE(code_action.literal_support);
  EXPECT_EQ(code_action.kind_value_set, (std::vector<std::string>{"quickfix", "source"}));
  EXPECT_TRUE(code_action.is_preferred_support);
  EXPECT_TRUE(code_action.data_support);
  EXPECT_EQ(code_action.resolve_properties, std::vector<std::string>{"edit"});
  ASSERT_TRUE(capabilities.workspace.workspace_edit);
  EXPECT_TRUE(capabilities.workspace.workspace_edit->document_changes);

  // Odd shapes (an empty Lua table sent as []) mean "not supported", never an error.
  const auto odd = parse<ClientCapabilities>(
      R"({"textDocument": {"codeAction": {"codeActionLiteralSupport": [], "resolveSupport": 3}},
          "workspace": {"workspaceEdit": []}})");
  ASSERT_TRUE(odd.text_document.code_action);
  EXPECT_FALSE(odd.text_document.code_action->literal_support);
  EXPECT_TRUE(odd.text_document.code_action->resolve_properties.empty());
  EXPECT_FALSE(odd.workspace.workspace_edit);
}

TEST(CodeActionTypes, ServerCapabilityForms) {
  ServerCapabilities capabilities;
  capabilities.code_action_provider = CodeActionOptions{{"quickfix"}, true};
  const json j = capabilities;
  EXPECT_EQ(j["codeActionProvider"],
            json::parse(R"({"codeActionKinds": ["quickfix"], "resolveProvider": true})"));
  EXPECT_TRUE(parse<ServerCapabilities>(R"({"codeActionProvider": true})").code_action_provider);
  EXPECT_FALSE(parse<ServerCapabilities>(R"({"codeActionProvider": false})").code_action_provider);
  EXPECT_EQ(parse<ServerCapabilities>(j.dump().c_str()).code_action_provider->code_action_kinds,
            std::vector<std::string>{"quickfix"});
}

}  // namespace
}  // namespace lw::protocol

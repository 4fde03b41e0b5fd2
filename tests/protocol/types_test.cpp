#include <gtest/gtest.h>

#include "protocol/types/basic.h"
#include "protocol/types/diagnostics.h"
#include "protocol/types/json_read.h"
#include "protocol/types/lifecycle.h"
#include "protocol/types/text_sync.h"
#include "protocol/uri.h"

namespace lw::protocol {
namespace {

template <class T>
T parse(const char* text) {
  T out{};
  read_value(json::parse(text), out);
  return out;
}

template <class T>
std::string error_of(const char* text) {
  try {
    parse<T>(text);
  } catch (const ParamsError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(Types, PositionAndRange) {
  const auto range =
      parse<Range>(R"({"start":{"line":1,"character":2},"end":{"line":3,"character":4}})");
  EXPECT_EQ(range, (Range{{1, 2}, {3, 4}}));
  EXPECT_EQ(json(range),
            json::parse(R"({"start":{"line":1,"character":2},"end":{"line":3,"character":4}})"));
}

TEST(Types, MalformedPositionsNameTheField) {
  EXPECT_EQ(error_of<Position>(R"({"line":1})"), "character: missing");
  EXPECT_EQ(error_of<Position>(R"({"line":-1,"character":0})"),
            "line: expected a non-negative integer in range, got number");
  EXPECT_EQ(error_of<Position>(R"({"line":"1","character":0})"),
            "line: expected an integer, got string");
  EXPECT_EQ(error_of<Position>(R"({"line":1.5,"character":0})"),
            "line: expected an integer, got number");
  EXPECT_EQ(error_of<Range>(R"({"start":{"line":1,"character":0},"end":[]})"),
            "end: expected an object, got array");
  EXPECT_EQ(error_of<Position>("[]"), ": expected an object, got array");
}

TEST(Types, DidOpen) {
  const auto p = parse<DidOpenTextDocumentParams>(
      R"({"textDocument":{"uri":"file:///a.py","languageId":"python","version":3,"text":"x\n"}})");
  EXPECT_EQ(p.text_document.uri, "file:///a.py");
  EXPECT_EQ(p.text_document.language_id, "python");
  EXPECT_EQ(p.text_document.version, 3);
  EXPECT_EQ(p.text_document.text, "x\n");
  EXPECT_EQ(error_of<DidOpenTextDocumentParams>(
                R"({"textDocument":{"uri":"file:///a.py","languageId":"python","text":""}})"),
            "textDocument.version: missing");
}

TEST(Types, DidChangeIncrementalAndFull) {
  const auto p = parse<DidChangeTextDocumentParams>(R"({
    "textDocument":{"uri":"file:///a.py","version":5},
    "contentChanges":[
      {"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":2}},"rangeLength":1,"text":"Z"},
      {"text":"full"}]})");
  EXPECT_EQ(p.text_document.version, 5);
  ASSERT_EQ(p.content_changes.size(), 2U);
  ASSERT_TRUE(p.content_changes[0].range.has_value());
  EXPECT_EQ(*p.content_changes[0].range, (Range{{0, 1}, {0, 2}}));
  EXPECT_EQ(p.content_changes[0].range_length, 1U);
  EXPECT_EQ(p.content_changes[0].text, "Z");
  EXPECT_FALSE(p.content_changes[1].range.has_value());
  EXPECT_EQ(p.content_changes[1].text, "full");

  // Round trip.
  DidChangeTextDocumentParams back;
  read_value(json(p), back);
  EXPECT_EQ(json(back), json(p));
  EXPECT_FALSE(json(p)["contentChanges"][1].contains("range"));
}

TEST(Types, DidChangeMalformed) {
  EXPECT_EQ(
      error_of<DidChangeTextDocumentParams>(
          R"({"textDocument":{"uri":"u","version":1},"contentChanges":[{"range":null,"text":""}]})"),
      "contentChanges[0].range: must be a Range or absent, got null");
  EXPECT_EQ(error_of<DidChangeTextDocumentParams>(
                R"({"textDocument":{"uri":"u","version":1},"contentChanges":[{"text":1}]})"),
            "contentChanges[0].text: expected a string, got number");
  EXPECT_EQ(error_of<DidChangeTextDocumentParams>(R"({"textDocument":{"uri":"u","version":1}})"),
            "contentChanges: missing");
  EXPECT_EQ(error_of<DidChangeTextDocumentParams>(
                R"({"textDocument":{"uri":"u","version":null},"contentChanges":[]})"),
            "textDocument.version: expected an integer, got null");
}

TEST(Types, DidCloseAndDidSave) {
  const auto close = parse<DidCloseTextDocumentParams>(R"({"textDocument":{"uri":"file:///x"}})");
  EXPECT_EQ(close.text_document.uri, "file:///x");
  const auto save = parse<DidSaveTextDocumentParams>(R"({"textDocument":{"uri":"u"}})");
  EXPECT_FALSE(save.text.has_value());
  EXPECT_FALSE(json(save).contains("text"));
  const auto with_text =
      parse<DidSaveTextDocumentParams>(R"({"textDocument":{"uri":"u"},"text":"t"})");
  EXPECT_EQ(with_text.text, "t");
}

TEST(Types, InitializeParamsFromVsCodeLikeClient) {
  const auto p = parse<InitializeParams>(R"({
    "processId": 1234, "clientInfo": {"name": "Visual Studio Code", "version": "1.100.3"},
    "locale": "en", "rootPath": "/w", "rootUri": "file:///w",
    "capabilities": {
      "general": {"positionEncodings": ["utf-16"]},
      "textDocument": {
        "publishDiagnostics": {"relatedInformation": true, "versionSupport": false,
          "tagSupport": {"valueSet": [1, 2]}, "codeDescriptionSupport": true, "dataSupport": true},
        "diagnostic": {"dynamicRegistration": true, "relatedDocumentSupport": false}},
      "window": {"workDoneProgress": true}},
    "trace": "off",
    "workspaceFolders": [{"uri": "file:///w", "name": "w"}]})");
  EXPECT_EQ(p.process_id, 1234);
  ASSERT_TRUE(p.client_info.has_value());
  EXPECT_EQ(p.client_info->name, "Visual Studio Code");
  EXPECT_EQ(p.root_uri, "file:///w");
  EXPECT_FALSE(p.initialization_options.has_value());
  ASSERT_TRUE(p.capabilities.general.position_encodings.has_value());
  EXPECT_EQ(*p.capabilities.general.position_encodings, std::vector<std::string>{"utf-16"});
  ASSERT_TRUE(p.capabilities.text_document.publish_diagnostics.has_value());
  const auto& pd = *p.capabilities.text_document.publish_diagnostics;
  EXPECT_TRUE(pd.related_information);
  EXPECT_FALSE(pd.version_support);
  EXPECT_TRUE(pd.code_description_support);
  EXPECT_TRUE(pd.data_support);
  EXPECT_EQ(pd.tag_support, (std::vector<int>{1, 2}));
  ASSERT_TRUE(p.capabilities.text_document.diagnostic.has_value());
  EXPECT_TRUE(p.capabilities.text_document.diagnostic->dynamic_registration);
  EXPECT_TRUE(p.capabilities.window.work_done_progress);
  ASSERT_TRUE(p.workspace_folders.has_value());
  EXPECT_EQ(p.workspace_folders->at(0).name, "w");
}

TEST(Types, InitializeParamsNullsAndAbsences) {
  const auto p = parse<InitializeParams>(
      R"({"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": null,
          "workspaceFolders": null})");
  EXPECT_FALSE(p.process_id.has_value());
  EXPECT_FALSE(p.root_uri.has_value());
  EXPECT_FALSE(p.capabilities.general.position_encodings.has_value());
  EXPECT_FALSE(p.capabilities.text_document.publish_diagnostics.has_value());
  EXPECT_FALSE(p.capabilities.text_document.diagnostic.has_value());
  // initializationOptions: null is kept, distinct from absent.
  ASSERT_TRUE(p.initialization_options.has_value());
  EXPECT_TRUE(p.initialization_options->is_null());
  EXPECT_FALSE(p.workspace_folders.has_value());

  const json out = p;
  EXPECT_TRUE(out.at("processId").is_null());
  EXPECT_TRUE(out.at("rootUri").is_null());
  EXPECT_TRUE(out.at("initializationOptions").is_null());
}

TEST(Types, InitializeParamsToleratesOddCapabilityShapes) {
  // An empty Lua table is encoded as [] by some clients.
  const auto p = parse<InitializeParams>(
      R"({"processId": 1, "capabilities": {"general": [], "textDocument": {"publishDiagnostics": []},
          "window": {"workDoneProgress": "yes"}}})");
  EXPECT_FALSE(p.capabilities.general.position_encodings.has_value());
  EXPECT_FALSE(p.capabilities.text_document.publish_diagnostics.has_value());
  EXPECT_FALSE(p.capabilities.window.work_done_progress);
}

TEST(Types, InitializeParamsMalformed) {
  EXPECT_EQ(error_of<InitializeParams>(R"({"processId": "12", "capabilities": {}})"),
            "processId: expected an integer, got string");
  EXPECT_EQ(error_of<InitializeParams>("[]"), ": expected an object, got array");
  EXPECT_EQ(error_of<InitializeParams>(R"({"capabilities": {}, "workspaceFolders": [{"uri": 1}]})"),
            "workspaceFolders[0].uri: expected a string, got number");
}

TEST(Types, InitializeResult) {
  InitializeResult result;
  result.capabilities.position_encoding = "utf-16";
  result.capabilities.text_document_sync =
      TextDocumentSyncOptions{true, TextDocumentSyncKind::Incremental, true};
  result.server_info = ServerInfo{"loopwarden", "0.1.0"};
  const json j = result;
  EXPECT_EQ(j, json::parse(R"({"capabilities":{"positionEncoding":"utf-16",
      "textDocumentSync":{"openClose":true,"change":2,"save":true}},
      "serverInfo":{"name":"loopwarden","version":"0.1.0"}})"));
  InitializeResult back;
  read_value(j, back);
  EXPECT_EQ(json(back), j);

  const auto kind_only = parse<InitializeResult>(R"({"capabilities":{"textDocumentSync":1}})");
  ASSERT_TRUE(kind_only.capabilities.text_document_sync.has_value());
  EXPECT_EQ(kind_only.capabilities.text_document_sync->change, TextDocumentSyncKind::Full);
}

TEST(Types, DiagnosticAllFields) {
  Diagnostic d;
  d.range = {{2, 4}, {2, 14}};
  d.severity = DiagnosticSeverity::Warning;
  d.code = std::string("LW102");
  d.code_description = CodeDescription{"https://example/LW102.md"};
  d.source = "loopwarden";
  d.message = "`time.sleep` blocks";
  d.tags = std::vector<DiagnosticTag>{DiagnosticTag::Unnecessary};
  d.related_information =
      std::vector<DiagnosticRelatedInformation>{{{"file:///b.py", {{1, 0}, {1, 3}}}, "here"}};
  d.data = json{{"rule", "LW102"}};
  const json j = d;
  EXPECT_EQ(j, json::parse(R"({
    "range":{"start":{"line":2,"character":4},"end":{"line":2,"character":14}},
    "severity":2, "code":"LW102", "codeDescription":{"href":"https://example/LW102.md"},
    "source":"loopwarden", "message":"`time.sleep` blocks", "tags":[1],
    "relatedInformation":[{"location":{"uri":"file:///b.py",
      "range":{"start":{"line":1,"character":0},"end":{"line":1,"character":3}}},"message":"here"}],
    "data":{"rule":"LW102"}})"));
  Diagnostic back;
  read_value(j, back);
  EXPECT_EQ(back, d);
}

TEST(Types, DiagnosticOptionalFieldsAbsentVsNull) {
  Diagnostic minimal;
  minimal.message = "m";
  const json j = minimal;
  EXPECT_EQ(
      j,
      json::parse(
          R"({"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"message":"m"})"));

  Diagnostic with_null_data = minimal;
  with_null_data.data = json(nullptr);
  const json jn = with_null_data;
  ASSERT_TRUE(jn.contains("data"));
  EXPECT_TRUE(jn["data"].is_null());
  Diagnostic back;
  read_value(jn, back);
  ASSERT_TRUE(back.data.has_value());
  EXPECT_TRUE(back.data->is_null());

  read_value(j, back);
  EXPECT_FALSE(back.data.has_value());
  EXPECT_FALSE(back.severity.has_value());
  EXPECT_FALSE(back.code.has_value());
  EXPECT_FALSE(back.tags.has_value());
}

TEST(Types, DiagnosticIntegerCodeAndBadSeverity) {
  const auto d = parse<Diagnostic>(
      R"({"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"message":"m","code":42})");
  ASSERT_TRUE(d.code.has_value());
  EXPECT_EQ(std::get<std::int32_t>(*d.code), 42);
  EXPECT_EQ(
      error_of<Diagnostic>(
          R"({"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"message":"m","severity":7})"),
      "severity: expected 1..4");
}

TEST(Types, PublishDiagnosticsVersionIsOmittedWhenUnknown) {
  PublishDiagnosticsParams p{"file:///a.py", std::nullopt, {}};
  EXPECT_EQ(json(p), json::parse(R"({"uri":"file:///a.py","diagnostics":[]})"));
  p.version = 4;
  EXPECT_EQ(json(p), json::parse(R"({"uri":"file:///a.py","version":4,"diagnostics":[]})"));
  PublishDiagnosticsParams back;
  read_value(json(p), back);
  EXPECT_EQ(back.version, 4);
}

TEST(Uri, PathRoundTrip) {
  EXPECT_EQ(path_to_uri("/home/a b/x.py"), "file:///home/a%20b/x.py");
  EXPECT_EQ(path_to_uri("/tmp/é#%.py"), "file:///tmp/%C3%A9%23%25.py");
  EXPECT_EQ(uri_to_path("file:///home/a%20b/x.py"), "/home/a b/x.py");
  EXPECT_EQ(uri_to_path("file:///tmp/%C3%A9%23%25.py"), "/tmp/é#%.py");
  EXPECT_EQ(uri_to_path("file://localhost/etc/x"), "/etc/x");
  EXPECT_EQ(uri_to_path("FILE:///x"), "/x");
  EXPECT_EQ(uri_to_path("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(uri_to_path("file://server/share/x"), std::nullopt);
  EXPECT_EQ(uri_to_path("file:///bad%2"), std::nullopt);
  EXPECT_EQ(uri_to_path("file:///bad%zz"), std::nullopt);
}

}  // namespace
}  // namespace lw::protocol

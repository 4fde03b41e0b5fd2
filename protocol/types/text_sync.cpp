#include "protocol/types/text_sync.h"

#include "protocol/types/json_read.h"

namespace lw::protocol {

void to_json(json& j, const DidOpenTextDocumentParams& p) {
  j = json{{"textDocument", p.text_document}};
}
void from_json(const json& j, DidOpenTextDocumentParams& p) {
  expect_object(j, "params");
  p.text_document = required_field<TextDocumentItem>(j, "textDocument");
}

void to_json(json& j, const TextDocumentContentChangeEvent& e) {
  j = json{{"text", e.text}};
  if (e.range) j["range"] = *e.range;
  if (e.range_length) j["rangeLength"] = *e.range_length;
}
void from_json(const json& j, TextDocumentContentChangeEvent& e) {
  expect_object(j, "contentChange");
  if (const auto it = j.find("range"); it != j.end() && it->is_null()) {
    throw ParamsError("range: must be a Range or absent, got null");
  }
  e.range = optional_field<Range>(j, "range");
  e.range_length = optional_field<std::uint32_t>(j, "rangeLength");
  e.text = required_field<std::string>(j, "text");
}

void to_json(json& j, const DidChangeTextDocumentParams& p) {
  j = json{{"textDocument", p.text_document}, {"contentChanges", p.content_changes}};
}
void from_json(const json& j, DidChangeTextDocumentParams& p) {
  expect_object(j, "params");
  p.text_document = required_field<VersionedTextDocumentIdentifier>(j, "textDocument");
  p.content_changes =
      required_field<std::vector<TextDocumentContentChangeEvent>>(j, "contentChanges");
}

void to_json(json& j, const DidCloseTextDocumentParams& p) {
  j = json{{"textDocument", p.text_document}};
}
void from_json(const json& j, DidCloseTextDocumentParams& p) {
  expect_object(j, "params");
  p.text_document = required_field<TextDocumentIdentifier>(j, "textDocument");
}

void to_json(json& j, const DidSaveTextDocumentParams& p) {
  j = json{{"textDocument", p.text_document}};
  if (p.text) j["text"] = *p.text;
}
void from_json(const json& j, DidSaveTextDocumentParams& p) {
  expect_object(j, "params");
  p.text_document = required_field<TextDocumentIdentifier>(j, "textDocument");
  p.text = optional_field<std::string>(j, "text");
}

}  // namespace lw::protocol

#include "protocol/types/basic.h"

#include "protocol/types/json_read.h"

namespace lw::protocol {

void to_json(json& j, const Position& p) { j = json{{"line", p.line}, {"character", p.character}}; }
void from_json(const json& j, Position& p) {
  expect_object(j, "position");
  p.line = required_field<std::uint32_t>(j, "line");
  p.character = required_field<std::uint32_t>(j, "character");
}

void to_json(json& j, const Range& r) { j = json{{"start", r.start}, {"end", r.end}}; }
void from_json(const json& j, Range& r) {
  expect_object(j, "range");
  r.start = required_field<Position>(j, "start");
  r.end = required_field<Position>(j, "end");
}

void to_json(json& j, const Location& l) { j = json{{"uri", l.uri}, {"range", l.range}}; }
void from_json(const json& j, Location& l) {
  expect_object(j, "location");
  l.uri = required_field<std::string>(j, "uri");
  l.range = required_field<Range>(j, "range");
}

void to_json(json& j, const TextDocumentIdentifier& t) { j = json{{"uri", t.uri}}; }
void from_json(const json& j, TextDocumentIdentifier& t) {
  expect_object(j, "textDocument");
  t.uri = required_field<std::string>(j, "uri");
}

void to_json(json& j, const VersionedTextDocumentIdentifier& t) {
  j = json{{"uri", t.uri}, {"version", t.version}};
}
void from_json(const json& j, VersionedTextDocumentIdentifier& t) {
  expect_object(j, "textDocument");
  t.uri = required_field<std::string>(j, "uri");
  t.version = required_field<std::int32_t>(j, "version");
}

void to_json(json& j, const TextDocumentItem& t) {
  j = json{{"uri", t.uri}, {"languageId", t.language_id}, {"version", t.version}, {"text", t.text}};
}
void from_json(const json& j, TextDocumentItem& t) {
  expect_object(j, "textDocument");
  t.uri = required_field<std::string>(j, "uri");
  t.language_id = required_field<std::string>(j, "languageId");
  t.version = required_field<std::int32_t>(j, "version");
  t.text = required_field<std::string>(j, "text");
}

}  // namespace lw::protocol

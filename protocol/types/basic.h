#pragma once
// Basic LSP structures: positions, ranges, locations, document identifiers. Added as needed;
// each struct is followed by its hand-written to_json/from_json.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "protocol/position.h"

namespace lw::protocol {

using json = nlohmann::json;
using DocumentUri = std::string;

void to_json(json& j, const Position& p);
void from_json(const json& j, Position& p);

void to_json(json& j, const Range& r);
void from_json(const json& j, Range& r);

struct Location {
  DocumentUri uri;
  Range range;
  friend bool operator==(const Location&, const Location&) = default;
};
void to_json(json& j, const Location& l);
void from_json(const json& j, Location& l);

struct TextDocumentIdentifier {
  DocumentUri uri;
};
void to_json(json& j, const TextDocumentIdentifier& t);
void from_json(const json& j, TextDocumentIdentifier& t);

struct VersionedTextDocumentIdentifier {
  DocumentUri uri;
  std::int32_t version = 0;
};
void to_json(json& j, const VersionedTextDocumentIdentifier& t);
void from_json(const json& j, VersionedTextDocumentIdentifier& t);

struct TextDocumentItem {
  DocumentUri uri;
  std::string language_id;
  std::int32_t version = 0;
  std::string text;
};
void to_json(json& j, const TextDocumentItem& t);
void from_json(const json& j, TextDocumentItem& t);

}  // namespace lw::protocol

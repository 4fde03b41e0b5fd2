#pragma once
// Text document synchronisation notifications: didOpen, didChange (incremental and full),
// didClose, didSave.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/types/basic.h"

namespace lw::protocol {

using json = nlohmann::json;

struct DidOpenTextDocumentParams {
  TextDocumentItem text_document;
};
void to_json(json& j, const DidOpenTextDocumentParams& p);
void from_json(const json& j, DidOpenTextDocumentParams& p);

// With a range: replace that range (in the negotiated position encoding) by `text`.
// Without: `text` is the whole new content. A `"range": null` is malformed (neither form).
struct TextDocumentContentChangeEvent {
  std::optional<Range> range;
  std::optional<std::uint32_t> range_length;  // deprecated; read, never trusted
  std::string text;
};
void to_json(json& j, const TextDocumentContentChangeEvent& e);
void from_json(const json& j, TextDocumentContentChangeEvent& e);

struct DidChangeTextDocumentParams {
  VersionedTextDocumentIdentifier text_document;
  std::vector<TextDocumentContentChangeEvent> content_changes;  // applied in order
};
void to_json(json& j, const DidChangeTextDocumentParams& p);
void from_json(const json& j, DidChangeTextDocumentParams& p);

struct DidCloseTextDocumentParams {
  TextDocumentIdentifier text_document;
};
void to_json(json& j, const DidCloseTextDocumentParams& p);
void from_json(const json& j, DidCloseTextDocumentParams& p);

struct DidSaveTextDocumentParams {
  TextDocumentIdentifier text_document;
  std::optional<std::string> text;  // only when the server asked for includeText
};
void to_json(json& j, const DidSaveTextDocumentParams& p);
void from_json(const json& j, DidSaveTextDocumentParams& p);

}  // namespace lw::protocol

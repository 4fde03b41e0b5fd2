#pragma once
// The documents the client has open: uri -> {version, analysis::Document, LineIndex}. Text
// changes are applied atomically: every range of a didChange is checked first (against the
// text as the earlier changes of the same notification leave it), and a notification with a
// bad range changes nothing. Ranged changes reach the tree as ts_tree_edit edits, full-text
// changes as a reset, and the parse waits until something needs the tree (an analysis,
// usually on a worker: parsed(), or a snapshot reparsed there and handed back with
// adopt_parse()). A didOpen is not parsed either: a huge document never parses on the main
// thread.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/document.h"
#include "protocol/position.h"
#include "protocol/types/text_sync.h"

namespace lw::server {

struct OpenDocument {
  std::int32_t version = 0;
  // Changes with each change of the text (unique in the store, reopenings included).
  std::uint64_t revision = 0;
  std::string language_id;
  analysis::Document document;
  protocol::LineIndex lines;

  OpenDocument(std::int32_t v, std::uint64_t revision, std::string language, std::string text);
  const std::string& text() const { return document.text(); }
};

class DocumentStore {
 public:
  // Opens (or, when already open, replaces) a document.
  OpenDocument& open(const protocol::TextDocumentItem& item);
  // Applies the changes of one didChange in order; on failure returns why and changes nothing.
  std::optional<std::string> change(
      const protocol::VersionedTextDocumentIdentifier& id,
      std::span<const protocol::TextDocumentContentChangeEvent> changes,
      protocol::PositionEncoding encoding);
  bool close(const std::string& uri);

  const OpenDocument* find(const std::string& uri) const;
  // The document with its tree brought up to date (parsing here if needed).
  const OpenDocument* parsed(const std::string& uri);
  // Keeps the tree of `parsed`, a snapshot of the document at `revision` reparsed elsewhere,
  // when the document is still at that revision and not parsed meanwhile.
  void adopt_parse(const std::string& uri, std::uint64_t revision, analysis::Document&& parsed);
  std::size_t size() const { return documents_.size(); }
  std::vector<std::string> uris() const;

 private:
  std::unordered_map<std::string, OpenDocument> documents_;
  std::uint64_t next_revision_ = 1;
};

}  // namespace lw::server

#include "server/lsp/document_store.h"

#include <spdlog/spdlog.h>

#include <variant>
#include <vector>

namespace lw::server {
namespace {

struct FullEdit {
  std::string text;
};
struct RangeEdit {
  std::uint32_t start;
  std::uint32_t end;
  std::string text;
};
using PlannedEdit = std::variant<FullEdit, RangeEdit>;

std::string describe(const protocol::Position& p) {
  return std::to_string(p.line) + ":" + std::to_string(p.character);
}

// A position is inside the document when its line exists; the character may run past the
// line's end (LSP: it then means the end of the line). One line past the last, at character
// 0, is accepted as the end of the text (some clients send it for appends).
bool inside(const protocol::LineIndex& lines, const protocol::Position& p) {
  return p.line < lines.line_count() || (p.line == lines.line_count() && p.character == 0);
}

}  // namespace

OpenDocument::OpenDocument(std::int32_t v, std::uint64_t rev, std::string language,
                           std::string text)
    : version(v),
      revision(rev),
      language_id(std::move(language)),
      document(analysis::Document::unparsed(std::move(text))),
      lines(document.text()) {}

OpenDocument& DocumentStore::open(const protocol::TextDocumentItem& item) {
  if (documents_.contains(item.uri))
    spdlog::warn("didOpen of {}: already open, replaced", item.uri);
  documents_.erase(item.uri);
  const auto [it, inserted] =
      documents_.try_emplace(item.uri, item.version, next_revision_++, item.language_id, item.text);
  return it->second;
}

std::optional<std::string> DocumentStore::change(
    const protocol::VersionedTextDocumentIdentifier& id,
    std::span<const protocol::TextDocumentContentChangeEvent> changes,
    protocol::PositionEncoding encoding) {
  const auto it = documents_.find(id.uri);
  if (it == documents_.end()) return "document is not open";
  OpenDocument& doc = it->second;

  // Plan on a copy of the text: validate every change before touching the document.
  std::string text = doc.text();
  protocol::LineIndex lines = doc.lines;
  std::vector<PlannedEdit> plan;
  plan.reserve(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& change = changes[i];
    if (!change.range) {
      plan.emplace_back(FullEdit{change.text});
      text = change.text;
    } else {
      const protocol::Range& range = *change.range;
      if (!inside(lines, range.start) || !inside(lines, range.end)) {
        return "change " + std::to_string(i) + ": range " + describe(range.start) + "-" +
               describe(range.end) + " is outside the document (" +
               std::to_string(lines.line_count()) + " lines)";
      }
      const std::uint32_t start = lines.to_offset(text, range.start, encoding);
      const std::uint32_t end = lines.to_offset(text, range.end, encoding);
      if (start > end) {
        return "change " + std::to_string(i) + ": range " + describe(range.start) + "-" +
               describe(range.end) + " ends before it starts";
      }
      plan.emplace_back(RangeEdit{start, end, change.text});
      text.replace(start, end - start, change.text);
    }
    lines = protocol::LineIndex(text);
  }

  for (auto& edit : plan) {
    if (auto* full = std::get_if<FullEdit>(&edit)) {
      doc.document.reset_text(std::move(full->text));
    } else {
      const auto& ranged = std::get<RangeEdit>(edit);
      doc.document.edit_text(ranged.start, ranged.end, ranged.text);
    }
  }
  if (doc.text() != text) {  // never expected: keep the client's view of the text
    spdlog::error("{}: incremental edits diverged from the planned text; reparsing in full",
                  id.uri);
    doc.document.reset_text(text);
  }
  doc.revision = next_revision_++;
  doc.lines = std::move(lines);
  if (id.version <= doc.version) {
    spdlog::warn("{}: version {} after {} (versions should increase)", id.uri, id.version,
                 doc.version);
  }
  doc.version = id.version;
  return std::nullopt;
}

bool DocumentStore::close(const std::string& uri) { return documents_.erase(uri) > 0; }

const OpenDocument* DocumentStore::find(const std::string& uri) const {
  const auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

const OpenDocument* DocumentStore::parsed(const std::string& uri) {
  const auto it = documents_.find(uri);
  if (it == documents_.end()) return nullptr;
  it->second.document.reparse();
  return &it->second;
}

void DocumentStore::adopt_parse(const std::string& uri, std::uint64_t revision,
                                analysis::Document&& parsed) {
  const auto it = documents_.find(uri);
  if (it == documents_.end() || it->second.revision != revision) return;
  if (it->second.document.needs_parse()) it->second.document.adopt_tree(std::move(parsed));
}

std::vector<std::string> DocumentStore::uris() const {
  std::vector<std::string> out;
  out.reserve(documents_.size());
  for (const auto& [uri, doc] : documents_) out.push_back(uri);
  return out;
}

}  // namespace lw::server

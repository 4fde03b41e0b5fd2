// Fuzz target: the edit path. The input is a program: a position encoding, then didChange
// notifications of one to three changes each (ranged or full, ranges possibly outside the
// document or reversed, text of multi-byte and astral characters, CRLF and lone CR), applied
// through server::DocumentStore::change. After each notification the document must equal a
// reference model (a plain string edited by an independent position conversion, with the
// store's documented rejection rules), its LineIndex must be that of the text, and the
// incrementally edited tree must equal a fresh parse of the same text. tree-sitter does not
// promise that for every history through syntax errors (its error recovery can end otherwise
// after an edit), so a difference counts only when the published grammar, fed the same edits
// alongside (`Shadow`), still parses incrementally as afresh: then our scanner patch is at fault.
#include <tree_sitter/api.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "analysis/document.h"
#include "analysis/text_points.h"
#include "protocol/position.h"
#include "server/lsp/document_store.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/tree_compare.h"

extern "C" const TSLanguage* upstream_tree_sitter_python(void);

namespace {

namespace p = lw::protocol;
using lw::fuzz::ByteReader;

constexpr const char* kUri = "file:///fuzz.py";
constexpr std::size_t kMaxText = 4096;

// Pieces of text the program chooses from: Python that parses and that does not, line
// breaks of every kind, characters of 2, 3 and 4 UTF-8 bytes (the last is two UTF-16 units),
// a NUL byte (JSON can carry it as "\u0000").
// clang-format off
constexpr std::string_view kFragments[] = {
    "",        "a",          "x = 1",          "\n",             "\r\n",
    "\r",      "é",          "€",              "😀",              "async def f():\n",
    "    ",    "await g()",  "time.sleep(1)",  "import time\n",  "(",
    ")",       ":",          "\t",             "# c\n",           "\"s😀\"",
    "\'\'\'", "\\",         "def",            "class C:\n",      "    return\n",
    "𝔘",       "if x:\r\n",  "async with a:",  "for i in y:",     "é\r\n€\n😀\r",
    std::string_view("'\0'", 3)};
// clang-format on
constexpr std::uint32_t kFragmentCount = std::size(kFragments);

// Independent of protocol::LineIndex: the byte offset of an LSP position in `text`, or
// nullopt when the store must reject it (a line past the end, except the end itself).
struct RefLine {
  std::size_t start;
  std::size_t end;  // before the line break
};

std::vector<RefLine> ref_lines(const std::string& text) {
  std::vector<RefLine> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back({start, i});
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  lines.push_back({start, text.size()});
  return lines;
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

std::optional<std::size_t> ref_offset(const std::string& text, p::Position pos,
                                      p::PositionEncoding enc) {
  const auto lines = ref_lines(text);
  if (pos.line > lines.size() || (pos.line == lines.size() && pos.character != 0)) {
    return std::nullopt;
  }
  if (pos.line == lines.size()) return text.size();
  const RefLine line = lines[pos.line];
  std::size_t i = line.start;
  std::uint64_t units = 0;
  while (i < line.end) {
    const std::size_t n = utf8_length(static_cast<unsigned char>(text[i]));
    const std::uint64_t u = enc == p::PositionEncoding::Utf8    ? n
                            : enc == p::PositionEncoding::Utf16 ? (n == 4 ? 2 : 1)
                                                                : 1;
    if (units + u > pos.character) break;
    units += u;
    i += n;
  }
  return i;
}

std::uint32_t line_units(const std::string& text, const RefLine& line, p::PositionEncoding enc) {
  std::uint32_t units = 0;
  for (std::size_t i = line.start; i < line.end;) {
    const std::size_t n = utf8_length(static_cast<unsigned char>(text[i]));
    units += enc == p::PositionEncoding::Utf8    ? static_cast<std::uint32_t>(n)
             : enc == p::PositionEncoding::Utf16 ? (n == 4 ? 2U : 1U)
                                                 : 1U;
    i += n;
  }
  return units;
}

std::string read_text(ByteReader& in) {
  std::string text;
  const std::uint32_t pieces = in.below(5);
  for (std::uint32_t i = 0; i < pieces; ++i) text += kFragments[in.below(kFragmentCount)];
  return text;
}

// A position near the text: mostly on an existing line, sometimes one or two past the end,
// with a character inside, at or past the line's end, or huge.
p::Position read_position(ByteReader& in, const std::string& text, p::PositionEncoding enc) {
  const auto lines = ref_lines(text);
  const auto line = in.below(static_cast<std::uint32_t>(lines.size()) + 2);
  const std::uint8_t c = in.byte();
  if (c == 0xFF) return {line, 0x7FFFFFFFU};
  const std::uint32_t units = line < lines.size() ? line_units(text, lines[line], enc) : 0;
  return {line, c % (units + 3)};
}

// The published grammar's tree of the same document, edited by the same changes (byte
// offsets from the reference model) and reparsed once per notification, as the store does.
class Shadow {
 public:
  Shadow() {
    parser_ = ts_parser_new();
    ts_parser_set_language(parser_, upstream_tree_sitter_python());
  }
  ~Shadow() {
    if (tree_ != nullptr) ts_tree_delete(tree_);
    ts_parser_delete(parser_);
  }
  Shadow(const Shadow&) = delete;
  Shadow& operator=(const Shadow&) = delete;

  // [from, to) of `before` replaced by `with`.
  void edit(const std::string& before, std::size_t from, std::size_t to, const std::string& with) {
    if (tree_ == nullptr) return;
    const TSPoint start = lw::analysis::point_at(before, static_cast<std::uint32_t>(from));
    const TSInputEdit e{
        static_cast<std::uint32_t>(from),
        static_cast<std::uint32_t>(to),
        static_cast<std::uint32_t>(from + with.size()),
        start,
        lw::analysis::point_after(start, std::string_view(before).substr(from, to - from)),
        lw::analysis::point_after(start, with)};
    ts_tree_edit(tree_, &e);
  }
  void drop() {
    if (tree_ != nullptr) ts_tree_delete(tree_);
    tree_ = nullptr;
  }
  void reparse(const std::string& text) {
    TSTree* next = ts_parser_parse_string(parser_, tree_, text.data(),
                                          static_cast<std::uint32_t>(text.size()));
    drop();
    tree_ = next;
  }
  // Whether the incremental tree equals a fresh parse with the published grammar.
  bool incremental_is_fresh(const std::string& text) const {
    TSTree* fresh = ts_parser_parse_string(parser_, nullptr, text.data(),
                                           static_cast<std::uint32_t>(text.size()));
    const bool same =
        lw::fuzz::tree_difference(ts_tree_root_node(tree_), ts_tree_root_node(fresh)).empty();
    ts_tree_delete(fresh);
    return same;
  }

 private:
  TSParser* parser_ = nullptr;
  TSTree* tree_ = nullptr;
};

// One change of a notification, for the shadow once the store has accepted it.
struct ShadowEdit {
  bool full = false;
  std::string before;  // the model before this change
  std::size_t from = 0;
  std::size_t to = 0;
  std::string with;
};

void check_same(const lw::server::OpenDocument& doc, const std::string& expected,
                const Shadow& shadow) {
  LW_FUZZ_CHECK(doc.text() == expected, "text differs from the reference model");
  const p::LineIndex fresh(expected);
  LW_FUZZ_CHECK(doc.lines.line_count() == fresh.line_count());
  for (std::uint32_t l = 0; l < fresh.line_count(); ++l) {
    LW_FUZZ_CHECK(doc.lines.line_start(l) == fresh.line_start(l));
  }
  const lw::analysis::Document reparsed(expected);
  const std::string difference = lw::fuzz::tree_difference(ts_tree_root_node(doc.document.tree()),
                                                           ts_tree_root_node(reparsed.tree()));
  if (!difference.empty() && !shadow.incremental_is_fresh(expected)) {
    if (std::getenv("LW_FUZZ_DUMP") != nullptr) {
      std::fprintf(stderr, "(differs from a fresh parse, as the published grammar's does)\n");
    }
    return;
  }
  lw::fuzz::check_same_tree(doc.document.tree(), reparsed.tree(), expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const auto enc = static_cast<p::PositionEncoding>(in.below(3));

  lw::server::DocumentStore store;
  std::string reference = read_text(in);
  std::int32_t version = 1;
  store.open(p::TextDocumentItem{kUri, "python", version, reference});
  if (std::getenv("LW_FUZZ_DUMP") != nullptr) {
    std::fprintf(stderr, "--- version 1:\n%s\n", reference.c_str());
  }
  Shadow shadow;
  shadow.reparse(reference);
  check_same(*store.parsed(kUri), reference, shadow);

  while (!in.empty()) {
    std::vector<p::TextDocumentContentChangeEvent> changes(1 + in.below(3));
    std::string model = reference;
    bool rejected = false;
    std::vector<ShadowEdit> shadow_edits;
    for (auto& change : changes) {
      if (in.below(16) == 0) {  // a full-text change
        change.text = read_text(in);
        model = change.text;
        shadow_edits.push_back({true, {}, 0, 0, {}});
        continue;
      }
      const p::Position start = read_position(in, model, enc);
      p::Position end = start;
      switch (in.below(4)) {
        case 0:  // an insertion
          break;
        case 1:  // same line, further on
          end.character += in.below(8);
          break;
        default:
          end = read_position(in, model, enc);
          break;
      }
      change.range = p::Range{start, end};
      change.text = read_text(in);
      const auto from = ref_offset(model, start, enc);
      const auto to = ref_offset(model, end, enc);
      if (!from || !to || *from > *to) {
        rejected = true;  // later changes are still generated, from the unchanged model
        continue;
      }
      shadow_edits.push_back({false, model, *from, *to, change.text});
      model.replace(*from, *to - *from, change.text);
    }
    if (model.size() > kMaxText) break;

    ++version;
    // LW_FUZZ_DUMP=1 prints each step's text (to reduce a finding to a grammar test).
    if (std::getenv("LW_FUZZ_DUMP") != nullptr) {
      std::fprintf(stderr, "--- version %d%s:\n", version, rejected ? " (rejected)" : "");
      for (const auto& c : changes) {
        if (c.range) {
          std::fprintf(stderr, "  [%u:%u, %u:%u) <- ", c.range->start.line,
                       c.range->start.character, c.range->end.line, c.range->end.character);
        } else {
          std::fprintf(stderr, "  full <- ");
        }
        for (const char ch : c.text) std::fprintf(stderr, ch == '\n' ? "\\n" : "%c", ch);
        std::fprintf(stderr, "\n");
      }
      std::fprintf(stderr, "%s\n", (rejected ? reference : model).c_str());
    }
    const auto error =
        store.change(p::VersionedTextDocumentIdentifier{kUri, version}, changes, enc);
    LW_FUZZ_CHECK(error.has_value() == rejected,
                  rejected ? "a bad range was accepted" : "a good change was rejected: " + *error);
    if (!rejected) {
      reference = std::move(model);
      for (const ShadowEdit& e : shadow_edits) {
        if (e.full) {
          shadow.drop();
        } else {
          shadow.edit(e.before, e.from, e.to, e.with);
        }
      }
      shadow.reparse(reference);
    }
    const auto* doc = store.parsed(kUri);
    LW_FUZZ_CHECK(doc != nullptr);
    if (rejected) --version;  // a rejected notification changes nothing, not even the version
    LW_FUZZ_CHECK(doc->version == version);
    check_same(*doc, reference, shadow);
  }
  return 0;
}

// Thousands of random incremental edits through the server's didChange path (in-process
// LspServer, memory transport): inserts, deletes and replacements across lines, characters of
// 2, 3 and 4 UTF-8 bytes, CRLF and lone CR, several changes per notification, full-text
// replacements and, now and then, a notification with a range outside the document (which
// must change nothing). After every batch the server's text must equal a reference string,
// and the diagnostics it published must equal those of a fresh full parse of that text.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <random>
#include <string>
#include <vector>

#include "analysis/document.h"
#include "analysis/engine.h"
#include "protocol/position.h"
#include "server/lsp/convert.h"
#include "server/lsp/lsp_server.h"
#include "tests/server/in_process_server.h"

namespace lw::server {
namespace {

using json = nlohmann::json;
using protocol::PositionEncoding;

using testing::MemoryTransport;
using testing::TaskQueue;

constexpr const char* kUri = "file:///random/edit.py";

// About five edits per batch: 4,500 edits per encoding (1,500 in a Debug + ASan build, which
// is ten times slower).
#if defined(__SANITIZE_ADDRESS__)
constexpr int kBatches = 300;
#else
constexpr int kBatches = 900;
#endif

constexpr const char* kTemplate =
    "import time\r\n"
    "import requests\n"
    "# é😀 €\n"
    "async def handler(request):\n"
    "    time.sleep(1)\n"
    "    data = requests.get('https://x/😀')\r\n"
    "    with open('f') as f:\n"
    "        return f.read()\r"
    "async def other():\n"
    "    helper()\n"
    "async def helper():\n"
    "    pass\n";

// What the edits insert: code that produces diagnostics, code that breaks the parse, and
// every kind of line break and multi-byte character.
const std::vector<std::string> kPieces = {
    "time.sleep(2)",
    "\n    time.sleep(3)\n",
    "requests.post(u)",
    "await ",
    "async ",
    "def g():\n",
    "\n",
    "\r\n",
    "\r",
    "é",
    "€",
    "😀",
    "𝔘𝔘",
    "    ",
    "(",
    ")",
    ":",
    "x = 1",
    "# noqa\n",
    "'😀'",
    "import time\r\n",
    "helper()",
    "asyncio.create_task(helper())\n",
    "\"\"\"",
    "with open('g') as h:\n        pass\n",
};

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

std::uint32_t units(std::size_t bytes, PositionEncoding enc) {
  if (enc == PositionEncoding::Utf8) return static_cast<std::uint32_t>(bytes);
  if (enc == PositionEncoding::Utf16) return bytes == 4 ? 2 : 1;
  return 1;
}

// The reference side's own offset -> position (independent of protocol::LineIndex).
protocol::Position position_of(const std::string& text, std::size_t offset, PositionEncoding enc) {
  protocol::Position pos;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++pos.line;
      line_start = i + 1;
    }
  }
  for (std::size_t i = line_start; i < offset;) {
    const std::size_t n = utf8_length(static_cast<unsigned char>(text[i]));
    if (text[i] == '\r') break;  // offset is just after a "\r" of "\r\n": not expressible
    pos.character += units(n, enc);
    i += n;
  }
  return pos;
}

std::size_t line_count(const std::string& text) {
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++lines;
    }
  }
  return lines;
}

class RandomEdits {
 public:
  RandomEdits(std::uint32_t seed, std::string text) : rng_(seed), text_(std::move(text)) {}

  const std::string& text() const { return text_; }

  std::size_t below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  // A character boundary that LSP can name: not inside a multi-byte character, not between
  // the "\r" and the "\n" of a CRLF.
  std::size_t boundary() {
    std::size_t o = below(text_.size() + 1);
    while (o > 0 && o < text_.size() && (static_cast<unsigned char>(text_[o]) & 0xC0U) == 0x80U)
      --o;
    if (o > 0 && o < text_.size() && text_[o - 1] == '\r' && text_[o] == '\n') --o;
    return o;
  }

  std::string insertion() {
    std::string s;
    for (std::size_t n = below(3); n-- > 0;) s += kPieces[below(kPieces.size())];
    return s;
  }

  // One change, applied to the reference text; its JSON in encoding `enc`.
  json change(PositionEncoding enc) {
    if (below(30) == 0 || text_.size() > 6000) {
      text_ = below(2) == 0 ? std::string(kTemplate) : insertion();
      max_lines_ = std::max(max_lines_, line_count(text_));
      return {{"text", text_}};
    }
    std::size_t a = boundary();
    std::size_t b = a;
    switch (below(8)) {
      case 0:  // anywhere, across lines
        b = boundary();
        break;
      case 1:
      case 2:
      case 3:  // short deletion/replacement
        b = std::min(text_.size(), a + below(6));
        break;
      default:  // insertion
        break;
    }
    if (a > b) std::swap(a, b);
    while (b < text_.size() && (static_cast<unsigned char>(text_[b]) & 0xC0U) == 0x80U) ++b;
    if (b > 0 && b < text_.size() && text_[b - 1] == '\r' && text_[b] == '\n') ++b;
    const std::string replacement = below(4) == 0 ? std::string() : insertion();
    json range = {{"start", position_json(a, enc)}, {"end", position_json(b, enc)}};
    // Equivalent spellings of the end of the text and of the end of a line.
    if (b == text_.size() && below(4) == 0) {
      range["end"] = {{"line", line_count(text_)}, {"character", 0}};
    }
    text_.replace(a, b - a, replacement);
    max_lines_ = std::max(max_lines_, line_count(text_));
    return {{"range", std::move(range)}, {"text", replacement}};
  }

  // Starts a notification: bad_change() is outside every text the notification goes through.
  void begin_notification() { max_lines_ = line_count(text_); }

  // A change whose range is outside the document (must be rejected, with its notification),
  // wherever it sits among the notification's changes.
  json bad_change() {
    const auto lines = max_lines_;
    json start = {{"line", lines + below(3)}, {"character", 1 + below(3)}};
    return {{"range", {{"start", start}, {"end", start}}}, {"text", "BAD"}};
  }

 private:
  json position_json(std::size_t offset, PositionEncoding enc) {
    const protocol::Position p = position_of(text_, offset, enc);
    return {{"line", p.line}, {"character", p.character}};
  }

  std::mt19937 rng_;
  std::string text_;
  std::size_t max_lines_ = 0;
};

class LspRandomEditTest : public ::testing::TestWithParam<const char*> {
 protected:
  // The rejected notifications would log an error each.
  void SetUp() override { spdlog::set_level(spdlog::level::critical); }
  void TearDown() override { spdlog::set_level(saved_level_); }
  spdlog::level::level_enum saved_level_ = spdlog::get_level();

  TaskQueue queue;
  MemoryTransport transport;
  Scheduler scheduler{[this](Scheduler::Task task) { queue.post(std::move(task)); }};
  LspServer server{transport, scheduler, [] {}};

  std::vector<json> send(const json& message) {
    server.on_message(message.dump());
    queue.run();
    return transport.take();
  }
};

// The diagnostics a fresh, full parse of `text` gives, as the server would publish them.
json fresh_diagnostics(const std::string& text, PositionEncoding enc) {
  const analysis::Document doc(text);
  const protocol::LineIndex lines(text);
  const SourceView source{kUri, text, lines, enc};
  return json(to_lsp_diagnostics(analysis::analyze(doc, analysis::AnalysisOptions{}), source));
}

TEST_P(LspRandomEditTest, IncrementalEditsMatchAFreshParse) {
  const std::string offered = GetParam();
  json general = json::object();
  if (!offered.empty()) general["positionEncodings"] = json::array({offered});
  const auto init =
      send({{"jsonrpc", "2.0"},
            {"id", 1},
            {"method", "initialize"},
            {"params", {{"processId", nullptr}, {"capabilities", {{"general", general}}}}}});
  ASSERT_EQ(init.size(), 1U);
  const auto enc = protocol::parse_position_encoding(
      init[0]["result"]["capabilities"].value("positionEncoding", "utf-16"));
  ASSERT_TRUE(enc);
  ASSERT_EQ(*enc, server.position_encoding());
  if (offered == "utf-8") {
    EXPECT_EQ(*enc, PositionEncoding::Utf8);
  }
  send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});

  RandomEdits edits(20240611U + static_cast<std::uint32_t>(offered.size()), kTemplate);
  int version = 1;
  auto out = send(
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/didOpen"},
       {"params",
        {{"textDocument",
          {{"uri", kUri}, {"languageId", "python"}, {"version", version}, {"text", kTemplate}}}}}});
  ASSERT_EQ(out.size(), 1U);

  int edits_applied = 0;
  int nonempty = 0;
  for (int batch = 0; batch < kBatches; ++batch) {
    // A burst of notifications before the queue runs: only the last version is analysed.
    const std::size_t notifications = 1 + edits.below(4);
    for (std::size_t n = 0; n < notifications; ++n) {
      json changes = json::array();
      const bool bad = edits.below(25) == 0;
      const std::string before = edits.text();
      edits.begin_notification();
      for (std::size_t c = 1 + edits.below(3); c-- > 0;) changes.push_back(edits.change(*enc));
      if (bad) {
        changes.insert(
            changes.begin() + static_cast<std::ptrdiff_t>(edits.below(changes.size() + 1)),
            edits.bad_change());
        edits = RandomEdits(static_cast<std::uint32_t>(batch * 7919 + n), before);
      } else {
        edits_applied += static_cast<int>(changes.size());
      }
      server.on_message(json{
          {"jsonrpc", "2.0"},
          {"method", "textDocument/didChange"},
          {"params",
           {{"textDocument", {{"uri", kUri}, {"version", bad ? version + 1 : ++version}}},
            {"contentChanges",
             changes}}}}.dump());
    }
    queue.run();
    const auto* doc = server.documents().find(kUri);
    ASSERT_NE(doc, nullptr);
    ASSERT_EQ(doc->text(), edits.text()) << "batch " << batch;
    ASSERT_EQ(doc->version, version);

    const auto sent = transport.take();
    const json* last = nullptr;
    for (const json& m : sent) {
      if (m.value("method", "") == "textDocument/publishDiagnostics") last = &m;
    }
    if (last == nullptr) continue;  // every notification of the batch was rejected
    ASSERT_EQ((*last)["params"]["version"], version);
    const json expected = fresh_diagnostics(edits.text(), *enc);
    ASSERT_EQ((*last)["params"]["diagnostics"], expected) << "batch " << batch << "\ntext:\n"
                                                          << json(edits.text()).dump();
    if (!expected.empty()) ++nonempty;
  }
  EXPECT_GT(edits_applied, kBatches * 3);
  EXPECT_GT(nonempty, kBatches / 9);  // the edits keep the document interesting
}

INSTANTIATE_TEST_SUITE_P(Encodings, LspRandomEditTest, ::testing::Values("", "utf-8", "utf-32"),
                         [](const auto& param_info) {
                           const std::string s = param_info.param;
                           return s.empty()      ? std::string("Default")
                                  : s == "utf-8" ? std::string("Utf8")
                                                 : std::string("Utf32");
                         });

}  // namespace
}  // namespace lw::server

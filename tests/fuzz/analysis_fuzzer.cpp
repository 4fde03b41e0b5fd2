// Fuzz target: the analysis on hostile *structure*, not hostile bytes. The input is a small
// program that generates Python source from constructs the byte fuzzers cannot reach in a
// few kilobytes: nesting hundreds of levels deep (blocks, brackets, lambdas, comprehensions),
// attribute chains of tens of thousands of links, thousands of calls on one line, runs of
// comment lines (also at column 0 inside a function: tree-sitter-python's scanner), and
// statements repeated into files of megabytes. Each generated text is analysed with every
// rule, its fixes are applied and the result is analysed again. Properties: nothing crashes
// (ASan/UBSan, stack), every diagnostic and every fix edit lies inside the text, fixes apply
// as a set, and a text deeper than the analysis limits says so (LW001) instead of going
// silent. libFuzzer's -timeout catches a quadratic path (scripts/fuzz.sh: 60 s, while the
// generated texts stay under kMaxText: a linear unit of that size takes ~2 s natively and ~20 s
// under ASan and coverage, analysed twice).
#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/config.h"
#include "analysis/document.h"
#include "analysis/engine.h"
#include "analysis/fixes/apply.h"
#include "analysis/semantic/model.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace a = lw::analysis;
using lw::fuzz::ByteReader;

constexpr std::size_t kMaxText = 768U << 10U;  // 768 KiB of generated Python per input

// Statements the generator puts at the leaves: blocking calls of every rule family,
// coroutines, tasks, locks, suppressions, broken code.
// clang-format off
constexpr std::string_view kLeaves[] = {
    "time.sleep(1)",                     "requests.get(u).json()",
    "await asyncio.sleep(0)",            "open(p).read()",
    "asyncio.create_task(work())",       "x = await client.get(u)",
    "subprocess.run(['ls'])",            "db.query(X).all()",
    "work()",                            "await time.sleep(1)",
    "with lock: pass",                   "async with asyncio.timeout(1): yield",
    "return await g()",                  "pass  # noqa: LW102",
    "for i in range(1_000_000): s += i", "try:\n pass\nexcept BaseException: pass",
    "x = (",                             "lambda: requests.get(u)",
    "raise",                             "yield x",
    "self.http.get(u)",                  "Path(p).read_text()",
};
// Openers of a nesting level: a block (the body follows on the next line, indented) or a
// bracket (closed by its partner after the inner text).
struct Opener {
  std::string_view open;
  std::string_view close;  // empty: a block
};
constexpr Opener kOpeners[] = {
    {"async def f():", ""},      {"def g(x):", ""},          {"class C:", ""},
    {"with open(p) as f:", ""},  {"async with a as b:", ""}, {"if x:", ""},
    {"for i in y:", ""},         {"async for i in y:", ""},  {"while True:", ""},
    {"try:", ""},                {"match x:\n case 1:", ""}, {"(", ")"},
    {"[", "]"},                  {"{", "}"},                 {"f(", ")"},
    {"lambda: (", ")"},          {"[i for i in (", ")]"},    {"await (", ")"},
    {"not ", ""},                {"x[", "]"},
};
// clang-format on
constexpr std::uint32_t kLeafCount = std::size(kLeaves);
constexpr std::uint32_t kOpenerCount = std::size(kOpeners);

class Generator {
 public:
  explicit Generator(ByteReader& in) : in_(in) {}

  std::string run() {
    out_ = "import asyncio, time, requests, subprocess\nfrom pathlib import Path\n";
    for (int ops = 0; ops < 64 && !in_.empty() && out_.size() < kMaxText; ++ops) {
      switch (in_.below(7)) {
        case 0:
          nest(0);
          break;
        case 1:
          attribute_chain();
          break;
        case 2:
          long_line();
          break;
        case 3:
          comment_run();
          break;
        case 4:
          repeat();
          break;
        case 5:
          line(0, kLeaves[in_.below(kLeafCount)]);
          break;
        default:
          raw();
          break;
      }
    }
    return std::move(out_);
  }

 private:
  // Up to ~1,500 levels of one opener kind, or a mix, around a leaf.
  void nest(int indent) {
    const std::uint32_t depth = in_.below(1500) + 1;
    const bool mixed = in_.byte() % 2 == 0;
    const std::uint32_t kind = in_.below(kOpenerCount);
    std::vector<std::string_view> closers;
    std::string prefix(static_cast<std::size_t>(indent), ' ');
    std::string inline_text;  // brackets open on one line
    for (std::uint32_t i = 0; i < depth && out_.size() < kMaxText; ++i) {
      const Opener& o = kOpeners[mixed ? in_.below(kOpenerCount) : kind];
      if (o.close.empty()) {
        if (!inline_text.empty()) break;  // a block cannot open inside a bracket
        out_ += prefix;
        out_ += o.open;
        out_ += '\n';
        prefix += ' ';
      } else {
        inline_text += o.open;
        closers.push_back(o.close);
      }
    }
    out_ += prefix;
    out_ += inline_text;
    out_ += kLeaves[in_.below(kLeafCount)];
    for (auto it = closers.rbegin(); it != closers.rend(); ++it) out_ += *it;
    out_ += '\n';
  }

  // `x = time` then `.a` tens of thousands of times and a call.
  void attribute_chain() {
    const std::uint32_t links = in_.u16() % 60000;
    out_ += "async def chain():\n    x = time\n    x";
    for (std::uint32_t i = 0; i < links && out_.size() < kMaxText; ++i) out_ += ".a";
    out_ += "()\n";
  }

  // Thousands of calls on one line, with multi-byte characters between them.
  void long_line() {
    const std::uint32_t calls = in_.u16() % 20000;
    out_ += "async def wide():\n    ";
    for (std::uint32_t i = 0; i < calls && out_.size() < kMaxText; ++i) {
      out_ += (i % 3 == 0) ? "time.sleep(1); " : (i % 3 == 1) ? "f('é😀'); " : "await g(); ";
    }
    out_ += "pass\n";
  }

  // A run of comment lines inside a function, some at column 0.
  void comment_run() {
    const std::uint32_t lines = in_.u16() % 20000;
    const bool column0 = in_.byte() % 2 == 0;
    out_ += "async def commented():\n    x = 1\n";
    for (std::uint32_t i = 0; i < lines && out_.size() < kMaxText; ++i) {
      out_ += column0 ? "# time.sleep(1)\n" : "    # time.sleep(1)\n";
    }
    out_ += "    time.sleep(1)\n";
  }

  // One async function repeated into a big file.
  void repeat() {
    const std::uint32_t times = in_.u16() % 20000;
    const std::string_view leaf = kLeaves[in_.below(kLeafCount)];
    for (std::uint32_t i = 0; i < times && out_.size() < kMaxText; ++i) {
      out_ += "async def h";
      out_ += std::to_string(i);
      out_ += "():\n    ";
      out_ += leaf;
      out_ += '\n';
    }
  }

  void line(int indent, std::string_view text) {
    out_.append(static_cast<std::size_t>(indent), ' ');
    out_ += text;
    out_ += '\n';
  }

  void raw() { out_ += in_.bytes(in_.below(64)); }

  ByteReader& in_;
  std::string out_;
};

void check_inside(const std::vector<a::Diagnostic>& diagnostics, std::size_t size) {
  for (const a::Diagnostic& d : diagnostics) {
    LW_FUZZ_CHECK(d.range.start <= d.range.end && d.range.end <= size, "diagnostic range");
    for (const a::Fix& fix : d.fixes) {
      for (const a::TextEdit& e : fix.edits) {
        LW_FUZZ_CHECK(e.range.start <= e.range.end && e.range.end <= size, "fix edit range");
      }
    }
  }
}

// The deepest nesting of named nodes in the tree, counted without recursion.
std::uint32_t named_depth(const a::Document& doc) {
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(doc.tree()));
  std::vector<bool> named_path;  // one entry per level below the root
  std::uint32_t depth = 0;
  std::uint32_t deepest = 0;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      const bool named = ts_node_is_named(ts_tree_cursor_current_node(&cursor));
      named_path.push_back(named);
      depth += named ? 1 : 0;
      deepest = std::max(deepest, depth);
      continue;
    }
    for (;;) {
      if (named_path.empty()) {
        ts_tree_cursor_delete(&cursor);
        return deepest;
      }
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        depth -= named_path.back() ? 1 : 0;
        const bool named = ts_node_is_named(ts_tree_cursor_current_node(&cursor));
        named_path.back() = named;
        depth += named ? 1 : 0;
        deepest = std::max(deepest, depth);
        break;
      }
      depth -= named_path.back() ? 1 : 0;
      named_path.pop_back();
      ts_tree_cursor_goto_parent(&cursor);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  std::string text = Generator(in).run();
  // LW_FUZZ_DUMP=FILE writes the generated Python out (to reproduce a finding with `check`).
  if (const char* dump = std::getenv("LW_FUZZ_DUMP")) std::ofstream(dump, std::ios::binary) << text;
  a::AnalysisOptions options;
  options.rules = a::RuleSet::all();
  const a::Document doc(text);
  const std::vector<a::Diagnostic> diagnostics = a::analyze(doc, options);
  check_inside(diagnostics, text.size());
  // Beyond the semantic model's depth limit, LW001 says the rest was not analysed.
  if (named_depth(doc) > lw::analysis::semantic::kMaxNestingDepth + 8) {
    bool noted = false;
    for (const a::Diagnostic& d : diagnostics) noted = noted || d.rule == a::RuleId::LW001;
    LW_FUZZ_CHECK(noted, "nesting beyond the analysis limit without LW001");
  }

  std::vector<const a::Fix*> fixes;
  for (const a::Diagnostic& d : diagnostics) {
    for (const a::Fix& fix : d.fixes) {
      if (!fix.edits.empty()) fixes.push_back(&fix);
    }
  }
  const a::AppliedFixes applied = a::apply_fixes(text, fixes);
  LW_FUZZ_CHECK(applied.applied.size() <= fixes.size(), "applied fixes");
  if (!applied.applied.empty()) {
    const a::Document fixed(applied.text);
    check_inside(a::analyze(fixed, options), applied.text.size());
  }
  return 0;
}

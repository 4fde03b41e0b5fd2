// server/cli/unified_diff.h: the `diff -u` format, and a round trip: applying the printed
// hunks to the old text gives the new one, for many random edits.
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "server/cli/unified_diff.h"

namespace lw::server::cli {
namespace {

TEST(UnifiedDiff, EqualTextsGiveNothing) { EXPECT_EQ(unified_diff("a.py", "x\n", "x\n"), ""); }

TEST(UnifiedDiff, OneChangedLineWithContext) {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n";
  const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n";
  EXPECT_EQ(unified_diff("app/x.py", before, after),
            "--- app/x.py\n+++ app/x.py\n"
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiff, InsertionAtTheTopAndFarApartChangesMakeTwoHunks) {
  std::string before;
  for (int i = 1; i <= 20; ++i) before += std::to_string(i) + "\n";
  std::string after = "import asyncio\n" + before;
  after.replace(after.find("\n18\n") + 1, 2, "eighteen");
  EXPECT_EQ(unified_diff("f.py", before, after),
            "--- f.py\n+++ f.py\n"
            "@@ -1,3 +1,4 @@\n+import asyncio\n 1\n 2\n 3\n"
            "@@ -15,6 +16,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
}

TEST(UnifiedDiff, MarksAMissingFinalNewline) {
  EXPECT_EQ(unified_diff("f.py", "a\nb", "a\nc"),
            "--- f.py\n+++ f.py\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
            "+c\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, KeepsCrLfInLines) {
  EXPECT_EQ(unified_diff("f.py", "a\r\nb\r\n", "a\r\nc\r\n"),
            "--- f.py\n+++ f.py\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
}

// Applies unified-diff hunks (as printed above) to `text`.
std::string patch(const std::string& text, const std::string& diff) {
  std::vector<std::string> lines;
  {
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        lines.push_back(text.substr(start, i + 1 - start));
        start = i + 1;
      }
    }
    if (start < text.size()) lines.push_back(text.substr(start));
  }
  std::vector<std::string> out;
  std::size_t next = 0;  // next unconsumed old line
  std::istringstream in(diff);
  std::string line;
  std::string* last = nullptr;
  while (std::getline(in, line)) {
    if (line.starts_with("---") || line.starts_with("+++")) continue;
    if (line.starts_with("@@")) {
      std::size_t old_start = std::stoul(line.substr(4));
      std::size_t first = old_start == 0 ? 0 : old_start - 1;
      // Lines of a pure insertion name the line before them.
      if (line.find("-" + std::to_string(old_start) + ",0 ") != std::string::npos) {
        first = old_start;
      }
      while (next < first) out.push_back(lines[next++]);
      continue;
    }
    if (line == "\\ No newline at end of file") {
      if (last != nullptr && !last->empty() && last->back() == '\n') last->pop_back();
      continue;
    }
    const char marker = line[0];
    std::string body = line.substr(1) + "\n";
    if (marker == ' ' || marker == '-') {
      ++next;
      if (marker == ' ') {
        out.push_back(lines[next - 1]);
        last = &out.back();
      } else {
        last = nullptr;
      }
    } else {
      out.push_back(body);
      last = &out.back();
    }
  }
  while (next < lines.size()) out.push_back(lines[next++]);
  std::string result;
  for (const auto& l : out) result += l;
  return result;
}

TEST(UnifiedDiff, RoundTripsRandomEdits) {
  std::mt19937 random(42);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> a;
    int n = static_cast<int>(random() % 30);
    for (int i = 0; i < n; ++i) a.push_back("line" + std::to_string(random() % 8) + "\n");
    std::vector<std::string> b = a;
    int edits = static_cast<int>(random() % 5);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = b.empty() ? 0 : random() % (b.size() + 1);
      switch (random() % 3) {
        case 0:
          b.insert(b.begin() + static_cast<long>(at), "new" + std::to_string(e) + "\n");
          break;
        case 1:
          if (at < b.size()) b.erase(b.begin() + static_cast<long>(at));
          break;
        default:
          if (at < b.size()) b[at] = "changed" + std::to_string(e) + "\n";
          break;
      }
    }
    std::string before;
    std::string after;
    for (const auto& l : a) before += l;
    for (const auto& l : b) after += l;
    if (random() % 4 == 0 && !after.empty()) after.pop_back();  // no final newline
    const std::string diff = unified_diff("f.py", before, after);
    EXPECT_EQ(patch(before, diff), after) << "before:\n" << before << "\ndiff:\n" << diff;
  }
}

}  // namespace
}  // namespace lw::server::cli

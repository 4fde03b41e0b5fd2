// Data-driven rule tests: every tests/analysis/fixtures/**/*.py is analysed and the
// diagnostics must match its `# expect: CODE[, CODE]` comments exactly (line and code);
// `# maybe: CODE` lines may or may not report that code. A fixture may set options with
// `# lw-options: extend-blocking-calls=a.b.c; extend-async-functions=x.y; select=LW1;
// extend-select=LW002; ignore=LW102` (an unknown key fails). Adding a fixture needs no C++.
//
// Beside each fixture, `<name>.py.snap` holds its full rendered diagnostics (range, code,
// severity, message, tags, fixes with their applicability, related locations), compared
// exactly: a wrong column, a garbled message or a duplicate report fails even where the
// `# expect:` comments still match. scripts/update_snapshots.sh rewrites them after a
// deliberate change (review the diff).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/engine.h"

namespace fs = std::filesystem;
using namespace lw::analysis;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) {
    auto b = cur.find_first_not_of(" \t");
    auto e = cur.find_last_not_of(" \t\r");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
  }
  return out;
}

using Expectation = std::pair<int, std::string>;  // 1-based line, code

struct Parsed {
  std::set<Expectation> expected, maybe;
  AnalysisOptions options;
};

Parsed parse_fixture(const std::string& text) {
  Parsed p;
  static const std::regex expect_re(R"(#\s*expect:\s*([A-Z0-9, ]+))");
  static const std::regex maybe_re(R"(#\s*maybe:\s*([A-Z0-9, ]+))");
  static const std::regex options_re(R"(#\s*lw-options:\s*(.*))");
  std::istringstream in(text);
  std::string line;
  int row = 0;
  while (std::getline(in, line)) {
    ++row;
    std::smatch m;
    if (std::regex_search(line, m, expect_re)) {
      for (const auto& c : split(m[1], ',')) p.expected.insert({row, c});
    }
    if (std::regex_search(line, m, maybe_re)) {
      for (const auto& c : split(m[1], ',')) p.maybe.insert({row, c});
    }
    if (std::regex_search(line, m, options_re)) {
      for (const auto& kv : split(m[1], ';')) {
        auto eq = kv.find('=');
        std::string key = kv.substr(0, eq);
        static const std::set<std::string> kKeys{"extend-blocking-calls", "extend-async-functions",
                                                 "select", "extend-select", "ignore"};
        if (eq == std::string::npos || kKeys.count(key) == 0) {
          ADD_FAILURE() << "line " << row << ": unknown lw-options entry `" << kv << "`";
          continue;
        }
        if (key == "select") p.options.rules = RuleSet::none();
        for (const auto& v : split(kv.substr(eq + 1), ',')) {
          if (key == "extend-blocking-calls") p.options.extend_blocking_calls.push_back(v);
          if (key == "extend-async-functions") p.options.extend_async_functions.push_back(v);
          if (key == "select" || key == "extend-select") p.options.rules.select(v);
          if (key == "ignore") p.options.rules.ignore(v);
        }
      }
    }
  }
  return p;
}

int line_of(const std::string& text, std::uint32_t offset) {
  int line = 1;
  for (std::uint32_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

// 1-based "line:column" of a byte offset; the column counts characters (code points).
std::string position(const std::string& text, std::uint32_t offset) {
  int line = 1;
  int column = 1;
  for (std::uint32_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

std::string_view applicability_name(Applicability a) {
  switch (a) {
    case Applicability::Safe:
      return "safe";
    case Applicability::Unsafe:
      return "unsafe";
    case Applicability::DisplayOnly:
      return "display-only";
    case Applicability::Manual:
      return "manual";
  }
  return "?";
}

// The snapshot text of one fixture's diagnostics, in the order the analysis returns them.
std::string render(const std::string& name, const std::string& text,
                   const std::vector<Diagnostic>& diagnostics) {
  std::ostringstream out;
  out << "# " << name << ": " << diagnostics.size()
      << " diagnostics (scripts/update_snapshots.sh rewrites this file)\n";
  for (const Diagnostic& d : diagnostics) {
    out << position(text, d.range.start) << "-" << position(text, d.range.end) << " "
        << rule_info(d.rule).code << " " << to_string(d.severity) << ": " << d.message << "\n";
    if (d.unnecessary) out << "    tag: unnecessary\n";
    if (d.deprecated) out << "    tag: deprecated\n";
    for (const Fix& f : d.fixes) {
      out << "    fix (" << applicability_name(f.applicability) << ", " << f.edits.size()
          << (f.edits.size() == 1 ? " edit" : " edits") << "): " << f.title << "\n";
    }
    for (const RelatedLocation& r : d.related) {
      out << "    related " << (r.path.empty() ? "" : r.path + " ");
      if (r.path.empty()) {
        out << position(text, r.range.start) << "-" << position(text, r.range.end);
      } else {
        out << "bytes " << r.range.start << "-" << r.range.end;
      }
      out << ": " << r.message << "\n";
    }
  }
  return out.str();
}

std::vector<std::string> all_fixtures() {
  std::vector<std::string> out;
  fs::path root = fs::path(LW_TESTS_DIR) / "analysis" / "fixtures";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".py") {
      out.push_back(fs::relative(e.path(), root).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Fixture : public ::testing::TestWithParam<std::string> {};

TEST_P(Fixture, DiagnosticsMatchExpectComments) {
  fs::path path = fs::path(LW_TESTS_DIR) / "analysis" / "fixtures" / GetParam();
  std::string text = read_file(path);
  Parsed p = parse_fixture(text);
  Document doc(text);
  const std::vector<Diagnostic> diagnostics = analyze(doc, p.options);
  std::set<Expectation> got;
  std::ostringstream report;
  for (const auto& d : diagnostics) {
    Expectation e{line_of(text, d.range.start), std::string(rule_info(d.rule).code)};
    if (p.maybe.count(e)) continue;
    got.insert(e);
    report << "  " << e.first << ": " << e.second << " " << d.message << "\n";
  }
  std::ostringstream missing, unexpected;
  for (const auto& e : p.expected) {
    if (!got.count(e)) missing << " " << e.first << ":" << e.second;
  }
  for (const auto& e : got) {
    if (!p.expected.count(e)) unexpected << " " << e.first << ":" << e.second;
  }
  EXPECT_TRUE(missing.str().empty() && unexpected.str().empty())
      << GetParam() << "\n missing (false negatives):" << missing.str()
      << "\n unexpected (false positives):" << unexpected.str() << "\n reported:\n"
      << report.str();

  // No rule reports the same range twice.
  std::set<std::tuple<std::string_view, std::uint32_t, std::uint32_t>> seen;
  for (const auto& d : diagnostics) {
    EXPECT_TRUE(seen.insert({rule_info(d.rule).code, d.range.start, d.range.end}).second)
        << GetParam() << ": " << rule_info(d.rule).code << " reported twice at "
        << position(text, d.range.start);
  }

  // The full rendering equals the committed snapshot.
  const std::string rendered = render(GetParam(), text, diagnostics);
  const fs::path snapshot = fs::path(path.string() + ".snap");
  if (std::getenv("LW_UPDATE_SNAPSHOTS") != nullptr) {
    std::ofstream(snapshot, std::ios::binary) << rendered;
    return;
  }
  ASSERT_TRUE(fs::exists(snapshot))
      << snapshot << " is missing: run scripts/update_snapshots.sh and review it";
  EXPECT_EQ(read_file(snapshot), rendered)
      << GetParam() << ": the diagnostics differ from the snapshot (scripts/update_snapshots.sh "
      << "rewrites it after a deliberate change)";
}

// Every snapshot belongs to a fixture (a renamed or deleted fixture leaves none behind).
TEST(FixtureSnapshots, EverySnapshotHasItsFixture) {
  const fs::path root = fs::path(LW_TESTS_DIR) / "analysis" / "fixtures";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() != ".snap") continue;
    EXPECT_TRUE(fs::exists(e.path().parent_path() / e.path().stem()))
        << e.path() << " has no fixture";
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

INSTANTIATE_TEST_SUITE_P(Rules, Fixture, ::testing::ValuesIn(all_fixtures()), test_name);

}  // namespace

// Golden tests for fixes: every tests/analysis/fixes/golden/<case>/input.py is fixed with
// analysis::fix_all and must equal expected.py beside it (adding a case needs no C++). Header
// comments in input.py choose what is applied:
//   # lw-fix: safe | unsafe | noqa     (default safe; `noqa` applies "Disable LWxxx" only)
//   # lw-fix-title: Wrap in `asyncio.to_thread`   (only fixes whose title contains this)
//   # lw-options: select=LW1; extend-select=LW002; ignore=LW208; extend-blocking-calls=a.b
// Besides the text, every case checks that the output parses without ERROR/MISSING nodes,
// that no rule reports more than it did minus what was fixable (the fixed diagnostics are
// gone), that nothing fixable is left, and that fixing the output again changes nothing.
// LOOPWARDEN_UPDATE_SNAPSHOTS=1 rewrites expected.py.
#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/engine.h"
#include "analysis/fixes/fix_all.h"

namespace fs = std::filesystem;
using namespace lw::analysis;

namespace {

const fs::path kRoot = fs::path(LW_TESTS_DIR) / "analysis" / "fixes" / "golden";

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

struct Case {
  FixPolicy policy;
  AnalysisOptions options;
};

Case parse_header(const std::string& text) {
  Case c;
  static const std::regex mode_re(R"(#\s*lw-fix:\s*(\w+))");
  static const std::regex title_re(R"(#\s*lw-fix-title:\s*(.*\S))");
  static const std::regex options_re(R"(#\s*lw-options:\s*(.*))");
  std::smatch m;
  if (std::regex_search(text, m, mode_re)) {
    const std::string mode = m[1];
    c.policy.unsafe = mode == "unsafe";
    c.policy.manual = mode == "noqa";
    c.policy.safe = mode != "noqa";
  }
  if (std::regex_search(text, m, title_re)) c.policy.title_filter = m[1];
  if (std::regex_search(text, m, options_re)) {
    for (const auto& kv : split(m[1], ';')) {
      auto eq = kv.find('=');
      std::string key = kv.substr(0, eq);
      for (const auto& v : split(kv.substr(eq + 1), ',')) {
        if (key == "extend-blocking-calls") c.options.extend_blocking_calls.push_back(v);
        if (key == "extend-async-functions") c.options.extend_async_functions.push_back(v);
        if (key == "select") {
          c.options.rules = RuleSet::none();
          c.options.rules.select(v);
        }
        if (key == "extend-select") c.options.rules.select(v);
        if (key == "ignore") c.options.rules.ignore(v);
      }
    }
  }
  return c;
}

std::vector<Diagnostic> check(const std::string& text, const AnalysisOptions& options) {
  Document doc(text);
  return analyze(doc, options);
}

std::string syntax_problem(const std::string& text) {
  Document doc(text);
  if (doc.tree() == nullptr) return "no tree";
  TSNode root = ts_tree_root_node(doc.tree());
  if (!ts_node_has_error(root)) return {};
  char* sexp = ts_node_string(root);
  std::string out = std::string("ERROR/MISSING in ") + sexp;
  std::free(sexp);
  return out;
}

std::vector<std::string> all_cases() {
  std::vector<std::string> out;
  if (!fs::is_directory(kRoot)) return out;
  for (const auto& e : fs::directory_iterator(kRoot)) {
    if (fs::is_regular_file(e.path() / "input.py")) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class GoldenFix : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenFix, FixesToExpectedOutput) {
  const fs::path dir = kRoot / GetParam();
  const std::string input = read_file(dir / "input.py");
  const Case c = parse_header(input);

  // Every offered fix is well formed: edits in range, sorted, not overlapping.
  const std::vector<Diagnostic> before = check(input, c.options);
  std::map<RuleId, int> budget;  // per rule: reported before minus fixable before
  for (const Diagnostic& d : before) {
    ++budget[d.rule];
    if (select_fix(d, c.policy) != nullptr) --budget[d.rule];
    for (const Fix& fix : d.fixes) {
      std::uint32_t last = 0;
      for (const TextEdit& e : fix.edits) {
        EXPECT_LE(e.range.start, e.range.end) << fix.title;
        EXPECT_LE(e.range.end, input.size()) << fix.title;
        EXPECT_GE(e.range.start, last) << fix.title << ": edits sorted and disjoint";
        last = e.range.end;
      }
    }
  }

  const FixAllResult fixed = fix_all(input, c.options, {}, c.policy);
  if (std::getenv("LOOPWARDEN_UPDATE_SNAPSHOTS") != nullptr) {
    std::ofstream(dir / "expected.py", std::ios::binary) << fixed.text;
  }
  const std::string expected = read_file(dir / "expected.py");
  EXPECT_EQ(fixed.text, expected) << "fixed " << fixed.fixed << " in " << fixed.rounds << " rounds";
  if (expected != input) {
    EXPECT_GT(fixed.fixed, 0U);
  }
  EXPECT_EQ(syntax_problem(fixed.text), "");
  EXPECT_TRUE(fixed.converged);

  std::map<RuleId, int> after;
  for (const Diagnostic& d : fixed.remaining) {
    ++after[d.rule];
    EXPECT_EQ(select_fix(d, c.policy), nullptr)
        << "still fixable: " << rule_info(d.rule).code << " " << d.message;
  }
  for (const auto& [rule, count] : after) {
    EXPECT_LE(count, budget[rule]) << rule_info(rule).code << " reported again after its fix";
  }

  const FixAllResult again = fix_all(fixed.text, c.options, {}, c.policy);
  EXPECT_EQ(again.text, fixed.text) << "a second pass changed the text";
  EXPECT_EQ(again.fixed, 0U);
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenFix, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenFix);

}  // namespace

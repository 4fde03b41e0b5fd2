// Parses every .py file under the given paths with the grammar as built (our scanner patch,
// cmake/deps.lock) and with the grammar exactly as published, and compares the two trees node
// by node (symbol, byte range, missing/extra flags). Exit 0 when every tree is identical, 1 on
// the first difference (printed), 2 on bad usage or when no file was found.
//
// With `--edits N`, each file then goes through N random line edits (comment lines inserted at
// every indentation, lines deleted, duplicated, re-indented, single characters typed), each
// reparsed incrementally from the previous tree as the language server does: the incremental
// tree must equal a fresh parse of the same text, and where that text has no syntax error the
// published grammar must parse it identically too. (Inside syntax errors the patch may recover
// differently: it keeps a comment run's tokens where upstream's can be dropped.)
#include <tree_sitter/api.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python(void);
extern "C" const TSLanguage* upstream_tree_sitter_python(void);

namespace {

struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};
using Tree = std::unique_ptr<TSTree, TreeDeleter>;

Tree parse(const TSLanguage* language, const std::string& text, const TSTree* old = nullptr) {
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, language);
  Tree tree(ts_parser_parse_string(parser, old, text.data(), static_cast<uint32_t>(text.size())));
  ts_parser_delete(parser);
  return tree;
}

bool same_node(TSNode a, TSNode b) {
  return ts_node_symbol(a) == ts_node_symbol(b) && ts_node_start_byte(a) == ts_node_start_byte(b) &&
         ts_node_end_byte(a) == ts_node_end_byte(b) &&
         ts_node_is_missing(a) == ts_node_is_missing(b) &&
         ts_node_is_extra(a) == ts_node_is_extra(b) &&
         ts_node_child_count(a) == ts_node_child_count(b);
}

// Walks both trees in pre-order with cursors (no recursion); false at the first difference.
bool same_tree(const TSTree* a, const TSTree* b, uint32_t& where) {
  TSTreeCursor ca = ts_tree_cursor_new(ts_tree_root_node(a));
  TSTreeCursor cb = ts_tree_cursor_new(ts_tree_root_node(b));
  bool same = true;
  while (true) {
    TSNode na = ts_tree_cursor_current_node(&ca);
    TSNode nb = ts_tree_cursor_current_node(&cb);
    if (!same_node(na, nb) ||
        ts_tree_cursor_current_field_id(&ca) != ts_tree_cursor_current_field_id(&cb)) {
      where = ts_node_start_byte(na);
      same = false;
      break;
    }
    if (ts_tree_cursor_goto_first_child(&ca)) {
      ts_tree_cursor_goto_first_child(&cb);
      continue;
    }
    bool done = false;
    while (!ts_tree_cursor_goto_next_sibling(&ca)) {
      if (!ts_tree_cursor_goto_parent(&ca)) {
        done = true;
        break;
      }
      ts_tree_cursor_goto_parent(&cb);
    }
    if (done) break;
    ts_tree_cursor_goto_next_sibling(&cb);
  }
  ts_tree_cursor_delete(&ca);
  ts_tree_cursor_delete(&cb);
  return same;
}

// --edits: a small deterministic generator (xorshift), seeded per file.
struct Random {
  std::uint64_t state;
  std::uint32_t below(std::uint32_t n) {
    state ^= state << 13U;
    state ^= state >> 7U;
    state ^= state << 17U;
    return static_cast<std::uint32_t>(state % n);
  }
};

TSPoint point_of(const std::string& text, std::size_t byte) {
  TSPoint p{0, 0};
  for (std::size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++p.row;
      p.column = 0;
    } else {
      ++p.column;
    }
  }
  return p;
}

std::vector<std::size_t> line_starts(const std::string& text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

// One random edit of `text`: the byte range [from, to) replaced by `with`.
struct Edit {
  std::size_t from;
  std::size_t to;
  std::string with;
};

Edit random_edit(const std::string& text, Random& random) {
  static const char* const kLines[] = {"# c",      "#",        "    # c",  "        # indented",
                                       "  # two",  "\t# tab",  "x = 1",    "    y = f(x)",
                                       "def f():", "    pass", "if x:",    "        return 1",
                                       "'''",      "x = (",    ")",        "    \\",
                                       "",         "   ",      "class C:", "  async def g():"};
  static const char kChars[] = {' ', '#', '\n', ':', '(', ')', '\'', 'x', '\t', '\\'};
  const auto starts = line_starts(text);
  const std::size_t line = random.below(static_cast<std::uint32_t>(starts.size()));
  const std::size_t start = starts[line];
  const std::size_t end = line + 1 < starts.size() ? starts[line + 1] : text.size();
  switch (random.below(6)) {
    case 0:
    case 1:  // a line inserted before this one
      return {start, start, std::string(kLines[random.below(std::size(kLines))]) + "\n"};
    case 2:  // this line deleted
      return {start, end, ""};
    case 3:  // this line duplicated
      return {start, start, text.substr(start, end - start)};
    case 4: {  // re-indented by two spaces either way
      if (random.below(2) == 0) return {start, start, "  "};
      std::size_t spaces = 0;
      while (start + spaces < end && spaces < 2 && text[start + spaces] == ' ') ++spaces;
      return {start, start + spaces, ""};
    }
    default: {  // one character typed or deleted anywhere
      const std::size_t at = random.below(static_cast<std::uint32_t>(text.size() + 1));
      if (random.below(3) == 0 && at < text.size()) return {at, at + 1, ""};
      return {at, at, std::string(1, kChars[random.below(std::size(kChars))])};
    }
  }
}

struct EditTotals {
  std::size_t edits = 0;
  std::size_t upstream_compared = 0;     // edited texts without a syntax error
  std::size_t upstream_differs_too = 0;  // histories where the published grammar differs as well
};

// Applies `edit` to `text` and to `tree` (as the language server does before reparsing).
void apply(const Edit& edit, std::string& text, TSTree* tree) {
  const TSPoint start = point_of(text, edit.from);
  const TSPoint old_end = point_of(text, edit.to);
  text.replace(edit.from, edit.to - edit.from, edit.with);
  const TSInputEdit input{static_cast<uint32_t>(edit.from),
                          static_cast<uint32_t>(edit.to),
                          static_cast<uint32_t>(edit.from + edit.with.size()),
                          start,
                          old_end,
                          point_of(text, edit.from + edit.with.size())};
  ts_tree_edit(tree, &input);
}

// Whether `language`'s incremental tree after `history` equals its fresh parse.
bool incremental_is_fresh(const TSLanguage* language, const std::string& original,
                          const std::vector<Edit>& history) {
  std::string text = original;
  Tree tree = parse(language, text);
  for (const Edit& edit : history) {
    apply(edit, text, tree.get());
    tree = parse(language, text, tree.get());
  }
  uint32_t where = 0;
  return same_tree(tree.get(), parse(language, text).get(), where);
}

// False (after printing the edit history's last text) when an incremental tree differs from a
// fresh parse, or an error-free text parses differently with the published grammar.
bool check_edits(const std::filesystem::path& path, const std::string& original, int count,
                 std::uint64_t seed, EditTotals& totals) {
  Random random{seed * 0x9E3779B97F4A7C15ULL + 1};
  std::string text = original;
  Tree tree = parse(tree_sitter_python(), text);
  std::vector<Edit> history;
  for (int i = 0; i < count; ++i) {
    if (i % 40 == 39 || text.size() > 4 * original.size() + 4096) {  // a new history
      text = original;
      tree = parse(tree_sitter_python(), text);
      history.clear();
    }
    history.push_back(random_edit(text, random));
    apply(history.back(), text, tree.get());
    tree = parse(tree_sitter_python(), text, tree.get());
    const Tree fresh = parse(tree_sitter_python(), text);
    ++totals.edits;
    uint32_t where = 0;
    if (!same_tree(tree.get(), fresh.get(), where)) {
      // tree-sitter does not promise that error recovery ends the same way after an edit:
      // a history the published grammar gets wrong too is its limit, not the patch's.
      if (!incremental_is_fresh(upstream_tree_sitter_python(), original, history)) {
        ++totals.upstream_differs_too;
        text = original;
        tree = parse(tree_sitter_python(), text);
        history.clear();
        continue;
      }
      std::cerr << path.string() << ": after edit " << i + 1
                << ", the incremental tree differs from a fresh parse at byte " << where
                << " (the published grammar's does not); the text:\n"
                << text << "\n";
      return false;
    }
    if (ts_node_has_error(ts_tree_root_node(fresh.get()))) continue;
    ++totals.upstream_compared;
    const Tree upstream = parse(upstream_tree_sitter_python(), text);
    if (!same_tree(fresh.get(), upstream.get(), where)) {
      std::cerr << path.string() << ": after edit " << i + 1
                << ", the patched grammar parses differently from byte " << where << "; the text:\n"
                << text << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int edits = 0;
  int first = 1;
  if (argc > 2 && std::strcmp(argv[1], "--edits") == 0) {
    edits = std::atoi(argv[2]);
    first = 3;
  }
  if (argc <= first || edits < 0) {
    std::cerr << "usage: grammar_patch_check [--edits N] PATH...\n";
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (int i = first; i < argc; ++i) {
    const std::filesystem::path root(argv[i]);
    if (std::filesystem::is_regular_file(root)) {
      files.push_back(root);
      continue;
    }
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file() && it->path().extension() == ".py") files.push_back(it->path());
    }
  }
  if (files.empty()) {
    std::cerr << "grammar_patch_check: no .py file found\n";
    return 2;
  }
  std::size_t bytes = 0;
  std::size_t with_errors = 0;
  EditTotals totals;
  std::uint64_t seed = 0;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    bytes += text.size();
    Tree patched = parse(tree_sitter_python(), text);
    Tree upstream = parse(upstream_tree_sitter_python(), text);
    uint32_t where = 0;
    if (!same_tree(patched.get(), upstream.get(), where)) {
      std::cerr << path.string() << ": the patched grammar parses differently from byte " << where
                << "\n";
      return 1;
    }
    if (ts_node_has_error(ts_tree_root_node(patched.get()))) ++with_errors;
    if (edits > 0 && !check_edits(path, text, edits, ++seed, totals)) return 1;
  }
  std::cout << files.size() << " files, " << bytes << " bytes: identical trees (" << with_errors
            << " with syntax errors)\n";
  if (edits > 0) {
    std::cout << totals.edits << " edits reparsed incrementally: each tree equals a fresh parse; "
              << totals.upstream_compared
              << " edited texts without a syntax error parse as with the published grammar; "
              << totals.upstream_differs_too
              << " histories left a tree unlike a fresh parse with the published grammar too\n";
  }
  return 0;
}

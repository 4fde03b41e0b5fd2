// Parses every .py file under the given paths with the grammar as built (our scanner patch,
// cmake/deps.lock) and with the grammar exactly as published, and compares the two trees node
// by node (symbol, byte range, missing/extra flags). Exit 0 when every tree is identical, 1 on
// the first difference (printed), 2 on bad usage or when no file was found.
#include <tree_sitter/api.h>

#include <cstdio>
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

Tree parse(const TSLanguage* language, const std::string& text) {
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, language);
  Tree tree(
      ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size())));
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: grammar_patch_check PATH...\n";
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
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
  }
  std::cout << files.size() << " files, " << bytes << " bytes: identical trees (" << with_errors
            << " with syntax errors)\n";
  return 0;
}

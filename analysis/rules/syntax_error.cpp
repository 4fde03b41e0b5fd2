#include "analysis/rules/syntax_error.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

// At most this many characters of a token go into a message.
constexpr std::size_t kMaxShown = 24;

// The end of the physical line holding `offset` (a diagnostic range stops there: an ERROR
// node can swallow the rest of the file, and a 500-line squiggle tells nothing).
std::uint32_t end_of_line(std::string_view source, std::uint32_t offset, std::uint32_t limit) {
  std::uint32_t i = offset;
  while (i < limit && i < source.size() && source[i] != '\n' && source[i] != '\r') ++i;
  return i;
}

std::string shown(std::string_view token) {
  const std::size_t eol = token.find_first_of("\r\n");
  std::string out(token.substr(0, eol));
  if (out.size() > kMaxShown) {
    std::size_t cut = kMaxShown;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    out = out.substr(0, cut) + "...";
  }
  if (out.size() < token.size() && out.find("...") == std::string::npos) out += "...";
  return out;
}

// "missing `)`", "missing identifier": a MISSING node is named by its grammar symbol.
std::string missing_message(TSNode node) {
  const std::string_view type = ts_node_type(node);
  if (ts_node_is_named(node)) {
    std::string name(type);
    for (char& c : name) {
      if (c == '_') c = ' ';
    }
    return "syntax error: missing " + name;
  }
  if (type == "_newline" || type == "_indent" || type == "_dedent") {
    return "syntax error: missing end of line";
  }
  return "syntax error: missing `" + std::string(type) + "`";
}

// The leaves (tokens) of `node` in source order, at most `limit`.
void leaves(TSNode node, std::vector<TSNode>& out, std::size_t limit) {
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  bool descend = true;
  while (out.size() < limit) {
    const TSNode current = ts_tree_cursor_current_node(&cursor);
    if (descend) {
      if (ts_tree_cursor_goto_first_child(&cursor)) continue;
      if (ts_node_end_byte(current) > ts_node_start_byte(current)) out.push_back(current);
    }
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&cursor) ||
        ts_node_eq(ts_tree_cursor_current_node(&cursor), node)) {
      break;
    }
    descend = false;
  }
  ts_tree_cursor_delete(&cursor);
}

struct Described {
  std::uint32_t start;
  std::string message;
};

// What an ERROR node says, as CPython would put it where the tree tells it:
//  - an opening bracket in it that nothing in it closes: "`(` was never closed", at the bracket
//    (inside brackets newlines do not end statements, so the rest of the file piles in);
//  - a single token the parser skipped: "unexpected `b`";
//  - an incomplete construct the parser gave up on: "cannot parse `x = 1 +`".
Described describe_error(const RuleContext& ctx, TSNode error) {
  const std::uint32_t start = ts_node_start_byte(error);
  std::vector<TSNode> tokens;
  leaves(error, tokens, 100000);
  if (tokens.empty()) {
    return {start, start >= ctx.source.size() ? "syntax error: unexpected end of file"
                                              : "syntax error: invalid syntax"};
  }
  std::vector<TSNode> open;
  for (TSNode t : tokens) {
    const std::string_view text = ctx.text(t);
    if (text == "(" || text == "[" || text == "{") {
      open.push_back(t);
    } else if ((text == ")" || text == "]" || text == "}") && !open.empty()) {
      open.pop_back();
    }
  }
  if (!open.empty()) {
    return {ts_node_start_byte(open.front()),
            "syntax error: `" + std::string(ctx.text(open.front())) + "` was never closed"};
  }
  const TSNode first = tokens.front();
  const std::uint32_t from = ts_node_start_byte(first);
  if (tokens.size() == 1) {
    const std::string_view text = ctx.text(first);
    const std::size_t nonblank = text.find_first_not_of(" \t");
    if (nonblank == std::string_view::npos) return {from, "syntax error: unexpected indentation"};
    return {from, "syntax error: unexpected `" + shown(text.substr(nonblank)) + "`"};
  }
  const std::uint32_t to = std::min<std::uint32_t>(ts_node_end_byte(error),
                                                   static_cast<std::uint32_t>(ctx.source.size()));
  return {from, "syntax error: cannot parse `" + shown(ctx.source.substr(from, to - from)) + "`"};
}

Diagnostic make(ByteRange range, std::string message) {
  Diagnostic d;
  d.rule = RuleId::LW001;
  d.severity = rule_info(RuleId::LW001).default_severity;
  d.range = range;
  d.message = std::move(message);
  return d;
}

// The ERROR and MISSING nodes under `root`, outermost only, in source order, at most `limit`.
// Subtrees without an error are never entered (ts_node_has_error is stored in each node).
std::vector<TSNode> error_nodes(TSNode root, std::size_t limit) {
  std::vector<TSNode> found;
  if (!ts_node_has_error(root)) return found;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool descend = true;
  while (found.size() < limit) {
    const TSNode node = ts_tree_cursor_current_node(&cursor);
    if (descend) {
      if (ts_node_is_error(node) || ts_node_is_missing(node)) {
        found.push_back(node);
      } else if (ts_node_has_error(node) && ts_tree_cursor_goto_first_child(&cursor)) {
        continue;
      }
    }
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&cursor)) break;
    descend = false;
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A node whose children may hold blocks: statements, their clauses, definitions, blocks.
// Expressions never do (a lambda's body is an expression), so the walk below visits only
// the statement structure of the file.
bool may_hold_blocks(TSNode node) {
  if (syntax::kind(node) == syntax::Kind::Block) return true;
  const std::string_view type = ts_node_type(node);
  return ends_with(type, "_statement") || ends_with(type, "_clause") ||
         ends_with(type, "_definition");
}

}  // namespace

TSNode first_block_too_deep(TSNode root) {
  // (node, its indentation depth) of the statement structure, depth first in source order.
  std::vector<std::pair<TSNode, std::uint32_t>> stack{{root, 0}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxIndentationLevels) return node;
    // Pushed reversed, popped in source order. A cursor over every child: the token before
    // a block tells whether it is indented (ts_node_named_child(i) is O(i), and
    // ts_node_prev_sibling finds the parent from the root).
    const std::size_t first = stack.size();
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    TSNode previous{};
    for (bool more = ts_tree_cursor_goto_first_child(&cursor); more;
         more = ts_tree_cursor_goto_next_sibling(&cursor)) {
      const TSNode child = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(child) && may_hold_blocks(child)) {
        // A block on its own lines (`if x:` then an indented body), not a body on the line
        // of its `:` (`if x: pass`): one level of Python's indentation.
        const bool level = syntax::kind(child) == syntax::Kind::Block &&
                           !ts_node_is_null(previous) &&
                           ts_node_start_point(child).row > ts_node_end_point(previous).row;
        stack.emplace_back(child, depth + (level ? 1 : 0));
      }
      previous = child;
    }
    ts_tree_cursor_delete(&cursor);
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
  }
  return TSNode{};
}

void check_syntax_errors(const RuleContext& ctx, DiagnosticSink& out) {
  const TSNode root = ctx.model.scope(semantic::kModuleScope).node;
  const auto source_size = static_cast<std::uint32_t>(ctx.source.size());
  for (TSNode node : error_nodes(root, kMaxSyntaxErrors)) {
    const std::uint32_t start = ts_node_start_byte(node);
    if (ts_node_is_missing(node)) {
      out.report(make(ByteRange{start, start}, missing_message(node)));
      continue;
    }
    Described what = describe_error(ctx, node);
    const std::uint32_t end = end_of_line(ctx.source, what.start, ts_node_end_byte(node));
    out.report(make(ByteRange{what.start, end}, std::move(what.message)));
  }
  if (const TSNode deep = first_block_too_deep(root); !ts_node_is_null(deep)) {
    const std::uint32_t start = ts_node_start_byte(deep);
    out.report(make(ByteRange{start, end_of_line(ctx.source, start, source_size)},
                    "syntax error: too many levels of indentation (Python allows " +
                        std::to_string(kMaxIndentationLevels) + " nested blocks)"));
  }
  const TSNode stop = ctx.model.truncated_at();
  if (!ts_node_is_null(stop)) {
    const std::uint32_t start = ts_node_start_byte(stop);
    const std::uint32_t end =
        end_of_line(ctx.source, start, std::min(ts_node_end_byte(stop), source_size));
    out.report(make(ByteRange{start, end},
                    "too deeply nested to analyse: more than " +
                        std::to_string(semantic::kMaxNestingDepth) +
                        " levels of nesting; the code from here on in this expression or "
                        "block is not checked"));
  }
}

bool may_have_syntax_errors(const Document& doc) {
  if (doc.tree() == nullptr) return false;
  const TSNode root = ts_tree_root_node(doc.tree());
  if (ts_node_has_error(root)) return true;
  if (!ts_node_is_null(first_block_too_deep(root))) return true;
  // The builder's depth at a node counts at most its named ancestors: a tree whose named
  // nesting stays below the limit cannot be truncated.
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  std::uint32_t depth = 0;  // named nodes on the path, the current one included
  bool deep = false;
  bool descend = true;
  while (true) {
    const TSNode node = ts_tree_cursor_current_node(&cursor);
    if (descend) {
      if (ts_node_is_named(node)) ++depth;
      if (depth >= semantic::kMaxNestingDepth) {
        deep = true;
        break;
      }
      if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    }
    if (ts_node_is_named(node)) --depth;
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&cursor)) break;
    descend = false;
  }
  ts_tree_cursor_delete(&cursor);
  return deep;
}

}  // namespace lw::analysis

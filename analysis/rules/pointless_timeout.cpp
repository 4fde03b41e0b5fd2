#include "analysis/rules/pointless_timeout.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "analysis/rules/cancel_scopes.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using cancel_scopes::contains_checkpoint;
using cancel_scopes::scope_api_of_item;
using cancel_scopes::ScopeApi;
using cancel_scopes::ScopeApiKind;
using cancel_scopes::with_items;
using syntax::Kind;

// End of the `:` that closes the statement's header.
std::optional<std::uint32_t> header_colon_end(TSNode with_statement) {
  std::uint32_t n = ts_node_child_count(with_statement);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_child(with_statement, i);
    if (!ts_node_is_named(c) && std::strcmp(ts_node_type(c), ":") == 0) {
      return ts_node_end_byte(c);
    }
  }
  return std::nullopt;
}

std::uint32_t line_start(std::string_view src, std::uint32_t offset) {
  while (offset > 0 && src[offset - 1] != '\n') --offset;
  return offset;
}

// Offset of the '\n' ending the line that holds `offset` (or the end of the text).
std::uint32_t line_end(std::string_view src, std::uint32_t offset) {
  std::size_t nl = src.find('\n', offset);
  return nl == std::string_view::npos ? static_cast<std::uint32_t>(src.size())
                                      : static_cast<std::uint32_t>(nl);
}

bool all_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string_view leading_whitespace(std::string_view line) {
  return line.substr(0, std::min(line.find_first_not_of(" \t"), line.size()));
}

// True when `offset` lies inside a string literal that started before it (a continuation
// line of a multi-line string, whose text must not be re-indented).
bool inside_string(TSNode root, std::uint32_t offset) {
  TSNode n = ts_node_descendant_for_byte_range(root, offset, offset);
  for (; !ts_node_is_null(n); n = syntax::parent(n)) {
    if (syntax::kind(n) == Kind::String && ts_node_start_byte(n) < offset) return true;
  }
  return false;
}

// Comment nodes of the statement outside its body (the header, and between header and body).
void collect_comments(TSNode node, TSNode body, std::vector<TSNode>& out, int depth = 0) {
  if (depth > 64) return;
  std::uint32_t n = ts_node_named_child_count(node);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_named_child(node, i);
    if (ts_node_eq(c, body)) continue;
    if (syntax::kind(c) == Kind::Comment) {
      out.push_back(c);
    } else {
      collect_comments(c, body, out, depth + 1);
    }
  }
}

// "Remove the timeout block": the body, dedented by one level, in place of the statement.
std::optional<Fix> remove_block_fix(const RuleContext& ctx, TSNode stmt, TSNode body) {
  std::string_view src = ctx.source;
  auto colon = header_colon_end(stmt);
  if (!colon || ts_node_is_null(body) || ts_node_has_error(stmt)) return std::nullopt;
  std::uint32_t start = ts_node_start_byte(stmt);
  std::uint32_t first = line_start(src, start);
  std::string_view indent = src.substr(first, start - first);
  if (!all_blank(indent)) return std::nullopt;
  std::uint32_t body_start = ts_node_start_byte(body);
  std::uint32_t body_end = ts_node_end_byte(body);

  std::vector<TSNode> comments;
  collect_comments(stmt, body, comments);

  Fix fix;
  fix.title = "Remove the timeout block";
  fix.applicability = Applicability::Unsafe;

  if (src.substr(*colon, body_start - *colon).find('\n') == std::string_view::npos) {
    // `async with asyncio.timeout(1): x = 1` -> `x = 1`
    if (!comments.empty()) return std::nullopt;
    fix.edits.push_back(TextEdit{ByteRange{start, body_end},
                                 std::string(src.substr(body_start, body_end - body_start))});
    return fix;
  }

  std::uint32_t body_line = line_start(src, body_start);
  std::string_view body_indent = src.substr(body_line, body_start - body_line);
  if (!all_blank(body_indent) || body_indent.size() <= indent.size() ||
      !body_indent.starts_with(indent)) {
    return std::nullopt;
  }
  TSNode root = ctx.model.scope(semantic::kModuleScope).node;

  std::string out;
  std::uint32_t colon_line_end = line_end(src, *colon);
  for (TSNode c : comments) {
    if (ts_node_start_byte(c) >= colon_line_end) continue;  // after the header: moved below
    out.append(indent);
    out.append(ctx.text(c));
    out.push_back('\n');
  }
  std::uint32_t last = line_end(src, body_end);
  // Comment lines at the body's indentation right after it (tree-sitter may leave them
  // outside the block) belong to it visually: dedent them too.
  while (last < src.size()) {
    std::uint32_t next_end = line_end(src, last + 1);
    std::string_view line = src.substr(last + 1, next_end - last - 1);
    if (!line.starts_with(body_indent)) break;
    std::string_view rest = line.substr(body_indent.size());
    if (rest.empty() || rest.front() != '#') break;
    last = next_end;
  }
  for (std::uint32_t pos = colon_line_end + 1; pos <= last;) {
    std::uint32_t end = line_end(src, pos);
    std::string_view line = src.substr(pos, end - pos);
    if (line.starts_with(body_indent) && !inside_string(root, pos)) {
      out.append(indent);
      out.append(line.substr(body_indent.size()));
    } else if (!line.empty() && leading_whitespace(line).size() == line.size()) {
      out.append(line);  // blank line: as is
    } else if (!inside_string(root, pos) && leading_whitespace(line).size() < line.size() &&
               line[leading_whitespace(line).size()] == '#') {
      out.append(indent);  // a comment at an odd indentation: line it up
      out.append(line.substr(leading_whitespace(line).size()));
    } else {
      out.append(line);  // string continuation, bracketed continuation: untouched
    }
    if (end >= last) break;
    out.push_back('\n');
    pos = end + 1;
  }
  fix.edits.push_back(TextEdit{ByteRange{first, last}, std::move(out)});
  return fix;
}

}  // namespace

void check_pointless_timeout(const RuleContext& ctx, const semantic::Site& site,
                             DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW503)) return;
  TSNode stmt = site.node;
  TSNode body = syntax::field(stmt, syntax::fields().body);
  if (ts_node_is_null(body)) return;
  if (contains_checkpoint(body, true)) return;
  auto items = with_items(stmt);
  std::vector<std::optional<ScopeApi>> apis;
  apis.reserve(items.size());
  for (TSNode item : items) apis.push_back(scope_api_of_item(ctx, stmt, item, site.context.scope));
  // Every timeout item is checked: the items after it are entered (and exited) inside it.
  // `async with timeout(1), lock:` awaits there (entering an async context manager may
  // suspend, and a task group's exit waits for its tasks); another timeout does not suspend.
  // In a plain `with`, only an await written in a later item's expression counts.
  for (std::size_t index = 0; index < items.size(); ++index) {
    const auto& api = apis[index];
    if (!api || api->kind != ScopeApiKind::Timeout) continue;
    bool checkpoint = false;
    for (std::size_t j = index + 1; j < items.size() && !checkpoint; ++j) {
      const bool suspends_on_entry =
          syntax::is_async(stmt) && !(apis[j] && apis[j]->kind == ScopeApiKind::Timeout);
      checkpoint = suspends_on_entry || contains_checkpoint(items[j], true);
    }
    if (checkpoint) continue;

    Diagnostic d;
    d.rule = RuleId::LW503;
    d.severity = rule_info(RuleId::LW503).default_severity;
    auto colon = header_colon_end(stmt);
    // One item: the header; several: the timeout item itself.
    d.range = items.size() == 1
                  ? ByteRange{ts_node_start_byte(stmt), colon ? *colon : ts_node_end_byte(stmt)}
                  : range_of(items[index]);
    std::string fn(ctx.model.function_name(site.context));
    d.message = "`" + std::string(api->name) + "()` block in async function `" + fn +
                "` contains no `await`, `async for` or `async with`: cancellation only happens "
                "at an await, so this timeout can never fire; remove the block, or move the "
                "awaits it should bound into it";
    TSNode item_value = syntax::field(items[index], syntax::fields().value);
    bool has_target = syntax::kind(item_value) == Kind::AsPattern;
    if (items.size() == 1 && !has_target) {
      if (auto fix = remove_block_fix(ctx, stmt, body)) d.fixes.push_back(std::move(*fix));
    }
    out.report(std::move(d));
  }
}

}  // namespace lw::analysis

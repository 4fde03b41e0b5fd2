// textDocument/hover: on a diagnostic's range, the rule explained (its message, then the rule's
// page from docs/rules, markdown with the bad/good example); on a rule code inside a
// suppression comment (`# noqa: LW101`, `# loopwarden: ignore[LW101]`, also a peer code such as
// ASYNC230), that rule's page.
#include <cctype>
#include <string>
#include <string_view>

#include "analysis/rules/catalog.h"
#include "server/cli/rule_docs.h"
#include "server/lsp/convert.h"
#include "server/lsp/lsp_server.h"

namespace lw::server {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string heading(const analysis::RuleInfo& rule) {
  return "**" + std::string(rule.code) + "** `" + std::string(rule.name) + "`";
}

// The rule a code names: an LW code, or a peer's code listed among a rule's equivalents.
const analysis::RuleInfo* rule_for_code(std::string_view code) {
  if (const auto id = analysis::find_rule(code)) return &analysis::rule_info(*id);
  if (const auto id = analysis::rule_for_equivalent(code)) return &analysis::rule_info(*id);
  return nullptr;
}

// The word around `offset` inside a suppression comment of its line, as a byte range.
std::optional<analysis::ByteRange> code_in_suppression(std::string_view text,
                                                       std::uint32_t line_start,
                                                       std::uint32_t line_end,
                                                       std::uint32_t offset) {
  const std::string_view line = text.substr(line_start, line_end - line_start);
  const std::size_t hash = line.find('#');
  if (hash == std::string_view::npos || offset < line_start + hash) return std::nullopt;
  const std::string_view comment = line.substr(hash);
  if (comment.find("noqa") == std::string_view::npos &&
      comment.find("loopwarden:") == std::string_view::npos) {
    return std::nullopt;
  }
  std::uint32_t start = offset;
  std::uint32_t end = offset;
  while (start > line_start + hash && is_word_char(text[start - 1])) --start;
  while (end < line_end && is_word_char(text[end])) ++end;
  if (start == end) return std::nullopt;
  return analysis::ByteRange{start, end};
}

}  // namespace

void LspServer::on_hover(const protocol::TextDocumentPositionParams& params, const Reply& reply) {
  const std::string& uri = params.text_document.uri;
  const OpenDocument* doc = documents_.find(uri);
  if (doc == nullptr) {
    reply.result(nullptr);
    return;
  }
  const std::string& text = doc->text();
  const std::uint32_t offset = doc->lines.to_offset(text, params.position, encoding_);
  const SourceView source{uri, text, doc->lines, encoding_};

  // Diagnostics under the cursor (of the current version only: older ranges may have moved).
  const auto results = results_.find(uri);
  if (results != results_.end() && results->second.version == doc->version) {
    std::string markdown;
    std::optional<analysis::ByteRange> range;
    for (const analysis::Diagnostic& d : results->second.diagnostics) {
      if (offset < d.range.start || offset > d.range.end) continue;
      const analysis::RuleInfo& rule = analysis::rule_info(d.rule);
      if (!markdown.empty()) markdown += "\n\n---\n\n";
      markdown += heading(rule) + " (" + std::string(analysis::to_string(d.severity)) + ")\n\n" +
                  d.message + "\n\n---\n\n" + cli::rule_markdown(rule);
      if (!range) range = d.range;
    }
    if (range) {
      reply.result(protocol::json{{"contents", {{"kind", "markdown"}, {"value", markdown}}},
                                  {"range", to_lsp_range(*range, source)}});
      return;
    }
  }

  // A code inside a suppression comment.
  const std::uint32_t line = params.position.line < doc->lines.line_count()
                                 ? params.position.line
                                 : doc->lines.line_count() - 1;
  const std::uint32_t line_start = doc->lines.line_start(line);
  const std::uint32_t line_end = doc->lines.line_end(text, line);
  if (const auto word = code_in_suppression(text, line_start, line_end, offset)) {
    const std::string_view code =
        std::string_view(text).substr(word->start, word->end - word->start);
    if (const analysis::RuleInfo* rule = rule_for_code(code)) {
      std::string markdown = heading(*rule);
      if (code != rule->code) markdown += " (`" + std::string(code) + "` is its equivalent)";
      markdown += "\n\n---\n\n" + cli::rule_markdown(*rule);
      reply.result(protocol::json{{"contents", {{"kind", "markdown"}, {"value", markdown}}},
                                  {"range", to_lsp_range(*word, source)}});
      return;
    }
  }
  reply.result(nullptr);
}

}  // namespace lw::server

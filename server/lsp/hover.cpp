// textDocument/hover: on a diagnostic's range, the rule explained (its message, then the rule's
// page from docs/rules, markdown with the bad/good example); on a rule code inside a
// suppression comment (`# noqa: LW101`, `# loopwarden: ignore[LW101]`, also a peer code such as
// ASYNC230), that rule's page; elsewhere, on an identifier or attribute whose type loopwarden
// inferred, what it believes the value is and why (analysis/explain_value.h): the type, the
// methods of it that block, and the assignment it was typed from when that is elsewhere
// (`request.state.db` assigned in the middleware module). That last part builds the semantic
// model, so it runs on a worker and answers when done.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>

#include "analysis/explain_value.h"
#include "analysis/rules/catalog.h"
#include "protocol/uri.h"
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

std::string value_markdown(const analysis::ValueExplanation& v,
                           const std::optional<protocol::Location>& origin) {
  std::string md = "**loopwarden**: `" + v.expression + "` is " +
                   (v.workspace_class ? "an instance of the workspace class `" : "a `") + v.type +
                   "`";
  if (!v.blocking_methods.empty()) {
    md += "\n\nIts methods ";
    const std::size_t shown = std::min<std::size_t>(v.blocking_methods.size(), 8);
    for (std::size_t i = 0; i < shown; ++i) {
      md += (i == 0 ? "" : i + 1 == shown && shown == v.blocking_methods.size() ? " and " : ", ");
      md += "`" + v.blocking_methods[i] + "`";
    }
    if (shown < v.blocking_methods.size()) {
      md += " and " + std::to_string(v.blocking_methods.size() - shown) + " more";
    }
    md += " block the event loop.";
  }
  if (v.origin && origin) {
    const auto path = protocol::uri_to_path(origin->uri);
    const std::string name = path ? std::filesystem::path(*path).filename().string() : origin->uri;
    const std::string line = std::to_string(origin->range.start.line + 1);
    md += "\n\nTyped from the assignment at [" + name + ":" + line + "](" + origin->uri + "#L" +
          line + ").";
  }
  return md;
}

}  // namespace

void LspServer::hover_value(const std::string& uri, const OpenDocument& doc, std::uint32_t offset,
                            const Reply& reply, HoverPrefix prefix) {
  const auto answer = [reply](const HoverPrefix& before, const std::string& value_md,
                              std::optional<protocol::Range> value_range) {
    std::string md = before.markdown;
    if (!value_md.empty()) md += (md.empty() ? "" : "\n\n---\n\n") + value_md;
    const std::optional<protocol::Range> range = before.range ? before.range : value_range;
    if (md.empty() || !range) {
      reply.result(nullptr);
      return;
    }
    reply.result(
        protocol::json{{"contents", {{"kind", "markdown"}, {"value", md}}}, {"range", *range}});
  };
  // Past a megabyte the model takes long enough to queue behind the document's own analysis
  // on the workers: the hover must not wait for it (the rule's part still answers).
  constexpr std::size_t kMaxValueHoverBytes = 1U << 20U;
  if (doc.text().size() > kMaxValueHoverBytes || too_large(doc) || notebooks_.contains(uri)) {
    answer(prefix, "", std::nullopt);
    return;
  }
  auto job = make_analysis_job(uri, doc);
  scheduler_.background([this, job, offset, answer, prefix = std::move(prefix)] {
    job->document.reparse();
    auto value = std::make_shared<std::optional<analysis::ValueExplanation>>(
        analysis::explain_value_at(job->document, job->options,
                                   analysis::FileContext{job->identity, job->index.get()}, offset));
    scheduler_.post([this, job, value, answer, prefix] {
      const OpenDocument* now = documents_.find(job->uri);
      if (!*value || now == nullptr || now->version != job->version) {
        answer(prefix, "", std::nullopt);  // nothing known, or the text changed meanwhile
        return;
      }
      const analysis::ValueExplanation& v = **value;
      std::optional<protocol::Location> origin;
      if (v.origin) {
        origin =
            v.origin->path.empty()
                ? std::optional<protocol::Location>(protocol::Location{
                      job->uri, to_lsp_range(v.origin->range, SourceView{job->uri, now->text(),
                                                                         now->lines, encoding_})})
                : related_locator()(v.origin->path, v.origin->range);
      }
      const SourceView source{job->uri, now->text(), now->lines, encoding_};
      answer(prefix, value_markdown(v, origin), to_lsp_range(v.range, source));
    });
  });
}

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
  std::string markdown;
  std::optional<analysis::ByteRange> range;
  const auto results = results_.find(uri);
  if (results != results_.end() && results->second.version == doc->version) {
    for (const analysis::Diagnostic& d : results->second.diagnostics) {
      if (offset < d.range.start || offset > d.range.end) continue;
      const analysis::RuleInfo& rule = analysis::rule_info(d.rule);
      if (!markdown.empty()) markdown += "\n\n---\n\n";
      markdown += heading(rule) + " (" + std::string(analysis::to_string(d.severity)) + ")\n\n" +
                  d.message + "\n\n---\n\n" + cli::rule_markdown(rule);
      if (!range) range = d.range;
    }
  }
  if (range) {  // the rule, then what the value under the cursor is
    hover_value(uri, *doc, offset, reply,
                HoverPrefix{std::move(markdown), to_lsp_range(*range, source)});
    return;
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
      std::string page = heading(*rule);
      if (code != rule->code) page += " (`" + std::string(code) + "` is its equivalent)";
      page += "\n\n---\n\n" + cli::rule_markdown(*rule);
      reply.result(protocol::json{{"contents", {{"kind", "markdown"}, {"value", page}}},
                                  {"range", to_lsp_range(*word, source)}});
      return;
    }
  }
  hover_value(uri, *doc, offset, reply, {});
}

}  // namespace lw::server

#include "analysis/rules/unused_suppression.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace lw::analysis {
namespace {

bool is_break(char c) { return c == '\n' || c == '\r'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::uint32_t line_start_of(std::string_view source, std::uint32_t at) {
  std::uint32_t i = std::min<std::uint32_t>(at, static_cast<std::uint32_t>(source.size()));
  while (i > 0 && !is_break(source[i - 1])) --i;
  return i;
}

std::uint32_t line_end_of(std::string_view source, std::uint32_t at) {
  std::uint32_t i = at;
  while (i < source.size() && !is_break(source[i])) ++i;
  return i;
}

// Past the line break at `at` (`\r\n` counts as one).
std::uint32_t after_break(std::string_view source, std::uint32_t at) {
  if (at < source.size() && source[at] == '\r') ++at;
  if (at < source.size() && source[at] == '\n') ++at;
  return at;
}

struct Unused {
  std::size_t index;  // in the list's codes
  std::string why;    // "silences nothing here", "unknown code"
};

// The edit that removes the `unused` codes of `list` (a list of the comment at `comment`).
TextEdit removal(std::string_view source, std::uint32_t comment, const SuppressionList& list,
                 const std::vector<Unused>& unused) {
  const std::uint32_t line_start = line_start_of(source, comment);
  const std::uint32_t comment_end = line_end_of(source, comment);
  std::uint32_t list_start = comment + list.start;
  std::uint32_t list_end = comment + list.end;
  if (unused.size() < list.codes.size()) {
    // Some codes stay: rewrite the codes, joined as ruff writes them.
    std::string kept;
    for (std::size_t i = 0; i < list.codes.size(); ++i) {
      const bool drop =
          std::any_of(unused.begin(), unused.end(), [i](const Unused& u) { return u.index == i; });
      if (drop) continue;
      if (!kept.empty()) kept += ", ";
      const SuppressionCode& c = list.codes[i];
      kept += source.substr(comment + c.start, c.end - c.start);
    }
    return TextEdit{{comment + list.codes.front().start, comment + list.codes.back().end},
                    std::move(kept)};
  }
  // The whole list goes, with the blanks that separate it from what stays.
  std::uint32_t after = list_end;
  while (after < comment_end && is_blank(source[after])) ++after;
  std::uint32_t before = list_start;
  while (before > line_start && is_blank(source[before - 1])) --before;
  if (list_start == comment && after == comment_end) {
    // The comment held only this list: remove the comment, or the line if nothing else is.
    if (before == line_start) {
      return TextEdit{{line_start, after_break(source, comment_end)}, ""};
    }
    return TextEdit{{before, comment_end}, ""};
  }
  if (after < comment_end) return TextEdit{{list_start, after}, ""};  // `# noqa: X  # more`
  return TextEdit{{before, list_end}, ""};                            // `# more  # noqa: X`
}

}  // namespace

void finalize_unused_suppressions(const RuleContext& ctx,
                                  const std::vector<DiagnosticSink::Finding>& findings,
                                  DiagnosticSink& out) {
  (void)findings;
  if (!ctx.enabled(RuleId::LW002)) return;
  const std::string_view source = ctx.source;
  std::set<std::pair<std::uint32_t, RuleId>> used;  // (line start, rule) of dropped findings
  for (const DiagnosticSink::Finding& f : out.suppressed()) {
    used.emplace(line_start_of(source, f.range.start), f.rule);
  }
  for (const Suppressions::Entry& entry : out.suppressions().entries()) {
    const std::uint32_t line = line_start_of(source, entry.start);
    for (const SuppressionList& list : entry.directive.lists) {
      std::vector<Unused> unused;
      bool peer = false;
      for (std::size_t i = 0; i < list.codes.size(); ++i) {
        const SuppressionCode& c = list.codes[i];
        if (c.rules.empty()) {
          if (c.lw) unused.push_back({i, "unknown code"});
          continue;
        }
        // Unknowable when one of its rules is LW002 or not enabled; used when any dropped
        // a finding on this line.
        if (std::any_of(c.rules.begin(), c.rules.end(), [&](RuleId r) {
              return r == RuleId::LW002 || !ctx.user_selected(r) || used.count({line, r}) != 0;
            })) {
          continue;
        }
        unused.push_back({i, "nothing to silence on this line"});
        peer = peer || !c.lw;
      }
      if (unused.empty()) continue;
      Diagnostic d;
      d.rule = RuleId::LW002;
      d.severity = rule_info(RuleId::LW002).default_severity;
      d.range = ByteRange{entry.start + list.start, entry.start + list.end};
      d.message = "Unused suppression:";
      d.unnecessary = true;
      for (std::size_t k = 0; k < unused.size(); ++k) {
        const SuppressionCode& c = list.codes[unused[k].index];
        d.message += (k == 0 ? " `" : ", `") +
                     std::string(source.substr(entry.start + c.start, c.end - c.start)) + "` (" +
                     unused[k].why + ")";
      }
      Fix fix;
      fix.title = unused.size() == list.codes.size() ? "Remove the unused suppression"
                                                     : "Remove the unused codes";
      fix.applicability = peer ? Applicability::Unsafe : Applicability::Safe;
      fix.edits.push_back(removal(source, entry.start, list, unused));
      d.fixes.push_back(std::move(fix));
      out.report(std::move(d));
    }
  }
}

}  // namespace lw::analysis

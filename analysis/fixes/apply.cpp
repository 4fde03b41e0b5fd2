#include "analysis/fixes/apply.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <tuple>

namespace lw::analysis {
namespace {

bool is_empty(const ByteRange& r) { return r.start == r.end; }

// True when one of the ranges is a point (an insertion) at or inside the other, or their
// interiors overlap: the two cannot both be applied with a defined result.
bool ranges_conflict(const ByteRange& a, const ByteRange& b) {
  if (a.start < b.end && b.start < a.end) return true;
  if (is_empty(a) && b.start <= a.start && a.start <= b.end) return true;
  if (is_empty(b) && a.start <= b.start && b.start <= a.end) return true;
  return false;
}

// True when `outer` replaces text around `point` (strictly inside it).
bool swallows(const ByteRange& outer, std::uint32_t point) {
  return outer.start < point && point < outer.end;
}

bool at_line_start(std::string_view text, std::uint32_t pos) {
  if (pos == 0) return true;
  if (pos > text.size()) return false;
  char before = text[pos - 1];
  if (before == '\n') return true;
  return before == '\r' && (pos == text.size() || text[pos] != '\n');
}

// A whole-line insertion (an added import): nothing replaced, at a line start, ends a line.
bool is_line_insertion(std::string_view text, const TextEdit& e) {
  if (!is_empty(e.range) || e.replacement.empty()) return false;
  char last = e.replacement.back();
  return (last == '\n' || last == '\r') && at_line_start(text, e.range.start);
}

bool well_formed(std::string_view text, std::span<const TextEdit> edits) {
  std::uint32_t last = 0;
  for (const TextEdit& e : edits) {
    if (e.range.start > e.range.end || e.range.end > text.size() || e.range.start < last) {
      return false;
    }
    last = e.range.end;
  }
  return true;
}

// One edit taken for the output, with what orders it among edits at the same position.
struct Taken {
  TextEdit edit;
  bool line_insertion = false;
  std::size_t sequence = 0;
};

// A fix taken: its edits that were not duplicates, split by kind.
struct TakenFix {
  std::vector<TextEdit> body;  // everything but whole-line insertions
  std::optional<ByteRange> span;
  std::optional<ByteRange> isolation;
};

std::optional<ByteRange> span_of(const std::vector<TextEdit>& edits) {
  if (edits.empty()) return std::nullopt;
  ByteRange span{edits.front().range.start, edits.front().range.end};
  for (const TextEdit& e : edits) {
    span.start = std::min(span.start, e.range.start);
    span.end = std::max(span.end, e.range.end);
  }
  return span;
}

bool inside_isolation(const ByteRange& isolation, const ByteRange& edit) {
  if (edit.start < isolation.end && isolation.start < edit.end) return true;
  return is_empty(edit) && swallows(isolation, edit.start);
}

class Applier {
 public:
  explicit Applier(std::string_view text) : text_(text) {}

  // Takes the fix unless it conflicts with one already taken.
  bool take(const Fix& fix) {
    if (!well_formed(text_, fix.edits)) return false;
    std::vector<TextEdit> lines;
    TakenFix candidate;
    candidate.isolation = fix.isolation;
    for (const TextEdit& e : fix.edits) {
      if (is_duplicate(e)) continue;
      (is_line_insertion(text_, e) ? lines : candidate.body).push_back(e);
    }
    if (lines.empty() && candidate.body.empty()) return true;  // all applied already
    candidate.span = span_of(candidate.body);
    if (conflicts(lines, candidate)) return false;
    for (TextEdit& e : lines) add(Taken{std::move(e), true, taken_.size()});
    for (const TextEdit& e : candidate.body) add(Taken{e, false, taken_.size()});
    if (auto extent = extent_of(candidate)) {
      fix_by_start_.emplace(extent->start, fixes_.size());
      max_fix_length_ = std::max(max_fix_length_, extent->end - extent->start);
    }
    fixes_.push_back(std::move(candidate));
    return true;
  }

  std::string result() && {
    std::stable_sort(taken_.begin(), taken_.end(), [](const Taken& a, const Taken& b) {
      if (a.edit.range.start != b.edit.range.start) {
        return a.edit.range.start < b.edit.range.start;
      }
      if (a.line_insertion != b.line_insertion) return a.line_insertion;
      return a.sequence < b.sequence;
    });
    std::string out;
    out.reserve(text_.size());
    std::uint32_t pos = 0;
    for (const Taken& t : taken_) {
      out.append(text_.substr(pos, t.edit.range.start - pos));
      out.append(t.edit.replacement);
      pos = t.edit.range.end;
    }
    out.append(text_.substr(pos));
    return out;
  }

 private:
  using EditKey = std::tuple<std::uint32_t, std::uint32_t, std::string>;

  void add(Taken t) {
    seen_.emplace(t.edit.range.start, t.edit.range.end, t.edit.replacement);
    by_start_.emplace(t.edit.range.start, taken_.size());
    max_taken_length_ = std::max(max_taken_length_, t.edit.range.end - t.edit.range.start);
    taken_.push_back(std::move(t));
  }

  bool is_duplicate(const TextEdit& e) const {
    return seen_.count(EditKey{e.range.start, e.range.end, e.replacement}) != 0;
  }

  // Where a fix can meet another: its edits' span and its isolation range.
  static std::optional<ByteRange> extent_of(const TakenFix& fix) {
    std::optional<ByteRange> out = fix.span;
    if (fix.isolation) {
      out = out ? ByteRange{std::min(out->start, fix.isolation->start),
                            std::max(out->end, fix.isolation->end)}
                : *fix.isolation;
    }
    return out;
  }

  // Every check below is between ranges that touch: only the taken edits (and fixes) that
  // reach into [lo, hi], the candidate's extent, are looked at (an ordered index by start,
  // and the longest range taken, keep `take` logarithmic in the usual case instead of
  // linear in what was taken: 10,000 fixes on one line were quadratic).
  bool conflicts(const std::vector<TextEdit>& lines, const TakenFix& candidate) const {
    std::uint32_t lo = UINT32_MAX;
    std::uint32_t hi = 0;
    const auto cover = [&](const ByteRange& r) {
      lo = std::min(lo, r.start);
      hi = std::max(hi, r.end);
    };
    for (const TextEdit& e : lines) cover(e.range);
    for (const TextEdit& e : candidate.body) cover(e.range);
    if (candidate.isolation) cover(*candidate.isolation);
    if (lo > hi) return false;
    const auto from = [](std::uint32_t at, std::uint32_t length) {
      return at >= length ? at - length : 0U;
    };
    for (auto it = by_start_.lower_bound(from(lo, max_taken_length_));
         it != by_start_.end() && it->first <= hi; ++it) {
      const Taken& t = taken_[it->second];
      for (const TextEdit& line : lines) {
        if (!t.line_insertion && swallows(t.edit.range, line.range.start)) return true;
      }
      for (const TextEdit& e : candidate.body) {
        if (t.line_insertion ? swallows(e.range, t.edit.range.start)
                             : ranges_conflict(e.range, t.edit.range)) {
          return true;
        }
      }
      if (candidate.isolation && inside_isolation(*candidate.isolation, t.edit.range)) {
        return true;
      }
    }
    for (auto it = fix_by_start_.lower_bound(from(lo, max_fix_length_));
         it != fix_by_start_.end() && it->first <= hi; ++it) {
      const TakenFix& other = fixes_[it->second];
      if (candidate.span && other.span && candidate.span->start < other.span->end &&
          other.span->start < candidate.span->end) {
        return true;
      }
      if (!other.isolation) continue;
      for (const TextEdit& e : candidate.body) {
        if (inside_isolation(*other.isolation, e.range)) return true;
      }
      for (const TextEdit& e : lines) {
        if (inside_isolation(*other.isolation, e.range)) return true;
      }
    }
    return false;
  }

  std::string_view text_;
  std::vector<Taken> taken_;
  std::vector<TakenFix> fixes_;
  std::set<EditKey> seen_;                                  // every edit taken
  std::multimap<std::uint32_t, std::size_t> by_start_;      // taken_ by range start
  std::uint32_t max_taken_length_ = 0;                      // the longest taken edit's range
  std::multimap<std::uint32_t, std::size_t> fix_by_start_;  // fixes_ by extent start
  std::uint32_t max_fix_length_ = 0;                        // the longest fix extent
};

std::uint32_t first_position(const Fix& fix) {
  std::uint32_t first = UINT32_MAX;
  for (const TextEdit& e : fix.edits) first = std::min(first, e.range.start);
  return first;
}

}  // namespace

AppliedFixes apply_fixes(std::string_view text, std::span<const Fix* const> fixes) {
  std::vector<std::size_t> order(fixes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::uint32_t> first(fixes.size());
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    first[i] = fixes[i] != nullptr ? first_position(*fixes[i]) : UINT32_MAX;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return first[a] < first[b]; });
  Applier applier(text);
  AppliedFixes out;
  for (std::size_t i : order) {
    if (fixes[i] == nullptr || fixes[i]->edits.empty()) continue;
    if (applier.take(*fixes[i])) out.applied.push_back(i);
  }
  std::sort(out.applied.begin(), out.applied.end());
  out.text = std::move(applier).result();
  return out;
}

std::string apply_edits(std::string_view text, std::span<const TextEdit> edits) {
  if (!well_formed(text, edits)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::uint32_t pos = 0;
  for (const TextEdit& e : edits) {
    out.append(text.substr(pos, e.range.start - pos));
    out.append(e.replacement);
    pos = e.range.end;
  }
  out.append(text.substr(pos));
  return out;
}

TextEdit whole_change(std::string_view before, std::string_view after) {
  // Continuation bytes of UTF-8: a boundary never falls inside a character.
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; };
  std::size_t limit = std::min(before.size(), after.size());
  std::size_t prefix = 0;
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  while (prefix > 0 && prefix < before.size() && continuation(before[prefix])) --prefix;
  std::size_t suffix = 0;
  while (suffix < limit - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
    ++suffix;
  }
  while (suffix > 0 && continuation(before[before.size() - suffix])) --suffix;
  auto start = static_cast<std::uint32_t>(prefix);
  auto end = static_cast<std::uint32_t>(before.size() - suffix);
  return TextEdit{{start, end}, std::string(after.substr(prefix, after.size() - suffix - prefix))};
}

}  // namespace lw::analysis

#include "server/cli/output_diagnostic.h"

#include <tuple>

#include "analysis/fixes/fix_all.h"
#include "protocol/position.h"

namespace lw::server::cli {
namespace {

TextPosition position(const protocol::LineIndex& index, std::string_view text,
                      std::uint32_t offset) {
  const protocol::Position p = index.to_position(text, offset, protocol::PositionEncoding::Utf32);
  return TextPosition{p.line + 1, p.character + 1};
}

// The fix shown for a diagnostic: the one `--fix` would apply, else the one
// `--fix --unsafe-fixes` would apply, else a display-only suggestion; never a Manual fix
// ("Disable LWxxx for this line" is for editors).
const analysis::Fix* displayed_fix(const analysis::Diagnostic& d) {
  analysis::FixPolicy policy;
  if (const analysis::Fix* fix = analysis::select_fix(d, policy)) return fix;
  policy.unsafe = true;
  if (const analysis::Fix* fix = analysis::select_fix(d, policy)) return fix;
  for (const analysis::Fix& fix : d.fixes) {
    if (fix.applicability == analysis::Applicability::DisplayOnly) return &fix;
  }
  return nullptr;
}

}  // namespace

bool output_order(const OutputDiagnostic& a, const OutputDiagnostic& b) {
  const std::string_view code_a = analysis::rule_info(a.rule).code;
  const std::string_view code_b = analysis::rule_info(b.rule).code;
  const std::uint32_t cell_a = a.cell.value_or(0);
  const std::uint32_t cell_b = b.cell.value_or(0);
  return std::tie(a.filename, cell_a, a.location, code_a, a.end_location, a.message) <
         std::tie(b.filename, cell_b, b.location, code_b, b.end_location, b.message);
}

bool is_fixable(const OutputDiagnostic& d, bool unsafe) {
  if (!d.fix) return false;
  return d.fix->applicability == analysis::Applicability::Safe ||
         (unsafe && d.fix->applicability == analysis::Applicability::Unsafe);
}

std::string_view applicability_name(analysis::Applicability a) {
  switch (a) {
    case analysis::Applicability::Safe:
      return "safe";
    case analysis::Applicability::Unsafe:
      return "unsafe";
    case analysis::Applicability::DisplayOnly:
      return "display-only";
    case analysis::Applicability::Manual:
      break;
  }
  return "manual";
}

std::vector<OutputDiagnostic> to_output(std::string_view filename, std::string_view text,
                                        const std::vector<analysis::Diagnostic>& diagnostics,
                                        const OtherFileReader& read_other) {
  std::vector<OutputDiagnostic> out;
  if (diagnostics.empty()) return out;
  const protocol::LineIndex index(text);
  out.reserve(diagnostics.size());
  for (const analysis::Diagnostic& d : diagnostics) {
    OutputDiagnostic o;
    o.rule = d.rule;
    o.severity = d.severity;
    o.message = d.message;
    o.filename = std::string(filename);
    o.location = position(index, text, d.range.start);
    o.end_location = position(index, text, d.range.end);
    if (const analysis::Fix* fix = displayed_fix(d)) {
      OutputFix f{fix->applicability, fix->title, {}};
      for (const analysis::TextEdit& edit : fix->edits) {
        f.edits.push_back(OutputEdit{edit.replacement, position(index, text, edit.range.start),
                                     position(index, text, edit.range.end)});
      }
      o.fix = std::move(f);
    }
    for (const analysis::RelatedLocation& r : d.related) {
      OutputRelated related{std::string(filename), {}, {}, r.message};
      if (r.path.empty()) {
        related.location = position(index, text, r.range.start);
        related.end_location = position(index, text, r.range.end);
      } else if (auto other = read_other ? read_other(r.path) : std::nullopt) {
        const protocol::LineIndex other_index(other->text);
        related.filename = other->display;
        related.location = position(other_index, other->text, r.range.start);
        related.end_location = position(other_index, other->text, r.range.end);
      } else {
        related.filename = r.path;
      }
      o.related.push_back(std::move(related));
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace lw::server::cli

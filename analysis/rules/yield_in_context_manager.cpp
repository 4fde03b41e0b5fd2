#include "analysis/rules/yield_in_context_manager.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/rules/async_generators.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

constexpr std::size_t kMaxShown = 40;

// Context managers with no cleanup to delay (`suppress`, `nullcontext`), and `aclosing`, the
// recommended way to forward another async generator (PEP 533): its cleanup is closing that
// generator, which the consumer's own `aclose()` of this one reaches.
constexpr std::string_view kHarmless[] = {
    "contextlib.aclosing",      "contextlib.suppress",      "contextlib.nullcontext",
    "async_generator.aclosing", "async_generator.suppress",
};

bool is_harmless_block(const RuleContext& ctx, TSNode with_statement, semantic::ScopeId scope) {
  const std::vector<TSNode> items = cancel_scopes::with_items(with_statement);
  if (items.empty()) return false;
  for (TSNode item : items) {
    TSNode expr = cancel_scopes::with_item_expression(item);
    if (syntax::kind(expr) != syntax::Kind::Call) return false;
    const auto name =
        ctx.model.qualified_name(syntax::field(expr, syntax::fields().function), scope);
    if (!name ||
        std::find(std::begin(kHarmless), std::end(kHarmless), *name) == std::end(kHarmless)) {
      return false;
    }
  }
  return true;
}

// `open(path)` / `pool.acquire()` for the message: the first item, on one line, shortened.
std::string shown_items(const RuleContext& ctx, TSNode with_statement) {
  const std::vector<TSNode> items = cancel_scopes::with_items(with_statement);
  if (items.empty()) return "";
  std::string text(ctx.text(cancel_scopes::with_item_expression(items.front())));
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > kMaxShown) {
    std::size_t cut = kMaxShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  if (items.size() > 1) text += ", ...";
  return text;
}

}  // namespace

void check_yield_in_context_manager(const RuleContext& ctx, const semantic::Site& site,
                                    DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW505)) return;
  const auto& scope = ctx.model.scope(site.context.function);
  if (scope.kind != semantic::ScopeKind::Function || !scope.is_async) return;
  const TSNode def = scope.node;
  std::vector<TSNode> blocks = with_blocks_holding(site.node, def);
  if (blocks.empty()) return;
  if (scope_api_of_blocks(ctx, blocks, site.context.scope)) return;  // LW502
  std::erase_if(blocks, [&](TSNode b) { return is_harmless_block(ctx, b, site.context.scope); });
  if (blocks.empty()) return;
  if (is_context_manager_generator(ctx, def, scope.parent)) return;

  const TSNode block = blocks.front();
  const std::string keyword = syntax::is_async(block) ? "async with" : "with";
  const std::string fn(ctx.model.function_name(site.context));
  Diagnostic d;
  d.rule = RuleId::LW505;
  d.severity = rule_info(RuleId::LW505).default_severity;
  d.range = range_of(site.node);
  d.message = "`yield` inside `" + keyword + " " + shown_items(ctx, block) +
              "` in async generator `" + fn +
              "`: the block stays open while the consumer holds the generator, and its "
              "cleanup waits until the consumer resumes or closes it, which may be never; "
              "collect what you need and yield after the block, or make `" +
              fn + "` an `@asynccontextmanager`";
  out.report(std::move(d));
}

}  // namespace lw::analysis

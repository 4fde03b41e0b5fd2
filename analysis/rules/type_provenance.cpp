#include "analysis/rules/type_provenance.h"

#include <string>

namespace lw::analysis {
namespace {

using syntax::Kind;

RelatedLocation located(const RuleContext& ctx, const semantic::TypeSource::Origin& o,
                        std::string message) {
  const bool here = o.path == ctx.workspace.identity.path;
  return RelatedLocation{here ? std::string() : o.path, ByteRange{o.start, o.end},
                         std::move(message)};
}

}  // namespace

std::optional<RelatedLocation> explain_receiver(const RuleContext& ctx, TSNode receiver,
                                                semantic::ScopeId scope, std::string_view type) {
  const semantic::TypeSource* workspace = ctx.types.workspace();
  const std::string message =
      "`" + std::string(ctx.text(receiver)) + "` is a `" + std::string(type) + "`: assigned here";
  if (syntax::kind(receiver) == Kind::Identifier) {
    if (workspace == nullptr) return std::nullopt;
    const auto ids = ctx.model.lookup(ctx.text(receiver), scope);
    if (ids.size() != 1) return std::nullopt;
    const semantic::Binding& b = ctx.model.binding(ids[0]);
    if (b.kind != semantic::BindingKind::Import) return std::nullopt;
    auto o = workspace->value_origin(b.qualified);
    if (!o) return std::nullopt;
    return located(ctx, *o, message);
  }
  if (syntax::kind(receiver) != Kind::Attribute) return std::nullopt;
  const auto& f = syntax::fields();
  if (workspace != nullptr) {
    if (std::string_view state = ctx.types.state_attribute(receiver, scope); !state.empty()) {
      auto o = workspace->state_origin(state);
      if (!o) return std::nullopt;
      return located(ctx, *o, message);
    }
  }
  TSNode object = syntax::field(receiver, f.object);
  std::string_view name = ctx.text(syntax::field(receiver, f.attribute));
  auto owner = ctx.types.type_of(object, scope);
  if (!owner) return std::nullopt;
  TSNode site = ctx.types.local_attribute_site(*owner, name);
  if (!ts_node_is_null(site)) return RelatedLocation{"", range_of(site), message};
  if (workspace == nullptr) return std::nullopt;
  auto o = workspace->attribute_origin(*owner, name);
  if (!o) return std::nullopt;
  return located(ctx, *o, message);
}

}  // namespace lw::analysis

#include "analysis/explain_value.h"

#include <tree_sitter/api.h>

#include "analysis/index/summarize.h"
#include "analysis/index/workspace_coroutines.h"
#include "analysis/index/workspace_types.h"
#include "analysis/prepared_state.h"
#include "analysis/rules/blocking_call.h"
#include "analysis/rules/rule_context.h"
#include "analysis/rules/type_provenance.h"
#include "analysis/semantic/coroutines.h"
#include "analysis/syntax/navigation.h"
#include "analysis/syntax/python.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

// The expression the cursor names: an identifier, or the attribute whose name it is on
// (`request.state.db` on `db`; `request` alone on `request`).
TSNode value_under(TSNode root, std::uint32_t offset) {
  TSNode n = ts_node_named_descendant_for_byte_range(root, offset, offset);
  if (ts_node_is_null(n) || syntax::kind(n) != Kind::Identifier) return TSNode{};
  TSNode parent = syntax::parent(n);
  if (syntax::kind(parent) == Kind::Attribute &&
      ts_node_eq(syntax::field(parent, syntax::fields().attribute), n)) {
    return parent;
  }
  return n;
}

// The scope a use at `node` is resolved in: the innermost def, lambda, class or comprehension
// whose body holds it (parameters, defaults and decorators belong to the enclosing scope).
semantic::ScopeId scope_at(const semantic::SemanticModel& model, TSNode node) {
  const auto& f = syntax::fields();
  for (TSNode child = node, a = syntax::parent(node); !ts_node_is_null(a);
       child = a, a = syntax::parent(a)) {
    const auto scope = model.scope_of(a);
    if (!scope) continue;
    const Kind k = syntax::kind(a);
    if (k == Kind::FunctionDefinition || k == Kind::ClassDefinition || k == Kind::Lambda) {
      if (!ts_node_eq(syntax::field(a, f.body), child)) continue;
    }
    return *scope;
  }
  return semantic::kModuleScope;
}

}  // namespace

std::optional<ValueExplanation> explain_value_at(const Document& doc,
                                                 const AnalysisOptions& options,
                                                 const FileContext& file, std::uint32_t offset) {
  const PreparedDocument prepared(doc);
  if (!prepared.state_) return std::nullopt;
  const PreparedDocument::State& s = *prepared.state_;
  const syntax::ScopedParentIndex parents(s.doc.tree(), s.model.site_parents());
  const TSNode value = value_under(ts_tree_root_node(s.doc.tree()), offset);
  if (ts_node_is_null(value)) return std::nullopt;
  const semantic::ScopeId scope = scope_at(s.model, value);

  // The file's own summary stands for its module in the index, as in analyze().
  std::optional<index::ModuleSummary> own;
  if (file.index != nullptr) own = summarize(prepared, options, file.identity);
  const index::WorkspaceTypes workspace_types(file.identity, file.index, own ? &*own : nullptr);
  const semantic::TypeResolver types(s.model, file.identity.module,
                                     file.index != nullptr ? &workspace_types : nullptr);
  const auto type = types.type_of(value, scope);
  if (!type) return std::nullopt;

  ValueExplanation out;
  out.range = range_of(value);
  out.expression = std::string(syntax::text(value, s.doc.text()));
  out.type = *type;
  out.workspace_class = !semantic::is_catalog_type(*type);
  out.blocking_methods = blocking_methods_of(*type);
  const index::WorkspaceCoroutines workspace_coroutines(file.identity, file.index);
  const semantic::CoroutineSource* const sources[] = {&workspace_coroutines};
  const semantic::CoroutineRegistry coroutines(s.model, types, s.framework,
                                               options.extend_async_functions, sources);
  RuleContext ctx{s.doc.text(), s.model, types, s.framework, options, coroutines, s.references};
  ctx.workspace = WorkspaceContext{file.identity, file.index, own ? &*own : nullptr};
  out.origin = explain_receiver(ctx, value, scope, *type);
  return out;
}

}  // namespace lw::analysis

#include "analysis/rules/sync_dependency.h"

#include <string>
#include <vector>

#include "analysis/index/workspace_index.h"
#include "analysis/index/workspace_types.h"
#include "analysis/rules/async_helpers.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

constexpr std::string_view kBlockingResources[] = {
    "sqlalchemy.orm.Session",
    "sqlalchemy.Connection",
    "sqlite3.Connection",
    "sqlite3.Cursor",
    "psycopg2.extensions.connection",
    "psycopg2.extensions.cursor",
    "psycopg.Connection",
    "psycopg.Cursor",
    "pymysql.connections.Connection",
    "pymysql.cursors.Cursor",
    "mysql.connector.MySQLConnection",
    "mysql.connector.cursor.MySQLCursor",
    "pymongo.MongoClient",
    "redis.Redis",
};

// `Depends(dep)` / `Security(dep)`: the `dep` argument, or a null node.
TSNode depends_provider(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  call = h::unparenthesize(call);
  if (syntax::kind(call) != Kind::Call) return TSNode{};
  auto qn = h::callee_name(ctx, call, scope);
  if (!qn || (*qn != "fastapi.Depends" && *qn != "fastapi.params.Depends" &&
              *qn != "fastapi.Security" && *qn != "fastapi.params.Security")) {
    return TSNode{};
  }
  TSNode provider = h::positional_argument(call, 0);
  if (ts_node_is_null(provider)) provider = h::keyword_argument(ctx, call, "dependency");
  return provider;
}

// `Depends(...)` inside `Annotated[T, Depends(...)]` (a type annotation or a subscript).
TSNode annotated_depends(const RuleContext& ctx, TSNode node, semantic::ScopeId scope,
                         int depth = 0) {
  if (ts_node_is_null(node) || depth > 4) return TSNode{};
  Kind k = syntax::kind(node);
  if (k == Kind::Type && ts_node_named_child_count(node) == 1) {
    return annotated_depends(ctx, ts_node_named_child(node, 0), scope, depth + 1);
  }
  if (k == Kind::Identifier) {
    // A module-level alias: `SessionDep = Annotated[Session, Depends(get_session)]`.
    auto ids = ctx.model.lookup(ctx.text(node), scope);
    if (ids.size() != 1) return TSNode{};
    const auto& b = ctx.model.binding(ids[0]);
    if (b.kind != semantic::BindingKind::Assignment || b.unpacked) return TSNode{};
    return annotated_depends(ctx, b.value, b.scope, depth + 1);
  }
  TSNode head{};
  std::vector<TSNode> items;
  if (k == Kind::GenericType && ts_node_named_child_count(node) == 2) {
    head = ts_node_named_child(node, 0);
    TSNode params = ts_node_named_child(node, 1);
    std::uint32_t n = ts_node_named_child_count(params);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode t = ts_node_named_child(params, i);
      if (syntax::kind(t) == Kind::Type && ts_node_named_child_count(t) == 1) {
        t = ts_node_named_child(t, 0);
      }
      items.push_back(t);
    }
  } else if (k == Kind::Subscript) {
    head = syntax::field(node, syntax::fields().value);
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 1; i < n; ++i) items.push_back(ts_node_named_child(node, i));
  } else {
    return TSNode{};
  }
  auto qn = ctx.model.qualified_name(head, scope);
  bool annotated = qn ? (*qn == "typing.Annotated" || *qn == "typing_extensions.Annotated")
                      : ctx.text(head) == "Annotated";
  if (!annotated) return TSNode{};
  for (std::size_t i = 1; i < items.size(); ++i) {
    TSNode provider = depends_provider(ctx, items[i], scope);
    if (!ts_node_is_null(provider)) return provider;
  }
  return TSNode{};
}

struct Parameter {
  TSNode name;
  TSNode provider;  // the `dep` of its Depends
};

std::vector<Parameter> dependency_parameters(const RuleContext& ctx, TSNode def,
                                             semantic::ScopeId outer) {
  const auto& f = syntax::fields();
  std::vector<Parameter> out;
  TSNode params = syntax::field(def, f.parameters);
  std::uint32_t n = ts_node_named_child_count(params);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode p = ts_node_named_child(params, i);
    Kind k = syntax::kind(p);
    TSNode name{};
    TSNode provider{};
    if (k == Kind::DefaultParameter || k == Kind::TypedDefaultParameter) {
      name = syntax::field(p, f.name);
      provider = depends_provider(ctx, syntax::field(p, f.value), outer);
    }
    if (k == Kind::TypedParameter) name = ts_node_named_child(p, 0);
    if (ts_node_is_null(provider) &&
        (k == Kind::TypedParameter || k == Kind::TypedDefaultParameter)) {
      provider = annotated_depends(ctx, syntax::field(p, f.type), outer);
    }
    if (syntax::kind(name) == Kind::Identifier && !ts_node_is_null(provider)) {
      out.push_back({name, provider});
    }
  }
  return out;
}

// The blocking resource a sync dependency opens, if any.
std::optional<std::string> opened_resource_at(const RuleContext& ctx, TSNode def, int depth) {
  if (depth > 3 || syntax::is_async(def)) return std::nullopt;
  auto scope = ctx.model.scope_of(def);
  if (!scope) return std::nullopt;
  std::optional<std::string> found;
  h::walk_function_body(syntax::field(def, syntax::fields().body), [&](TSNode n) {
    if (found) return false;
    if (syntax::kind(n) == Kind::Call) {
      auto t = ctx.types.type_of(n, *scope);
      if (t && is_blocking_resource(*t)) found = *t;
    }
    return !found;
  });
  if (found) return found;
  // A sub-dependency: `def get_repo(db: Session = Depends(get_db))`.
  for (const auto& p : dependency_parameters(ctx, def, ctx.model.scope(*scope).parent)) {
    TSNode sub = h::function_named(ctx, p.provider, ctx.model.scope(*scope).parent);
    if (ts_node_is_null(sub) || sub.id == def.id) continue;
    if (auto t = opened_resource_at(ctx, sub, depth + 1)) return t;
  }
  return std::nullopt;
}

// Whether the handler reads `name` on the event loop (not only in nested defs/lambdas or as
// an argument of a call that runs a function in a thread).
bool used_on_loop(const RuleContext& ctx, TSNode def, std::string_view name,
                  semantic::ScopeId scope) {
  bool used = false;
  h::walk_function_body(syntax::field(def, syntax::fields().body), [&](TSNode n) {
    if (used) return false;
    Kind k = syntax::kind(n);
    if (k == Kind::Call && !ts_node_is_null(h::thread_offloaded_function(ctx, n, scope))) {
      return false;
    }
    if (k == Kind::Identifier && ctx.text(n) == name) {
      TSNode parent = syntax::parent(n);
      bool attribute_name = syntax::kind(parent) == Kind::Attribute &&
                            syntax::field(parent, syntax::fields().attribute).id == n.id;
      bool keyword_name = syntax::kind(parent) == Kind::KeywordArgument &&
                          syntax::field(parent, syntax::fields().name).id == n.id;
      if (!attribute_name && !keyword_name) used = true;
    }
    return !used;
  });
  return used;
}

struct Opened {
  std::string type;        // the blocking resource
  std::string dependency;  // the provider's name
  RelatedLocation related;
};

// A value of `type` is, or wraps (holds as an attribute), a blocking resource.
std::optional<std::string> blocking_or_wrapping(const index::WorkspaceTypes& types,
                                                std::string_view type) {
  if (is_blocking_resource(type)) return std::string(type);
  const index::ClassSummary* c = types.find_class(type);
  if (c == nullptr) return std::nullopt;
  for (const auto& [name, ref] : c->attributes) {
    auto t = types.resolve(ref);
    if (t && is_blocking_resource(*t)) return t;
  }
  return std::nullopt;
}

// A provider of another module: a sync function whose result is (or wraps) a blocking
// resource, that opens one in its body, or whose own dependencies do.
std::optional<std::string> remote_resource(const index::WorkspaceIndex& idx,
                                           const index::WorkspaceTypes& types, index::FunctionRef f,
                                           int depth) {
  if (!f || f.function->is_async || depth > 3) return std::nullopt;
  if (auto r = types.resolve(f.function->result)) {
    if (auto t = blocking_or_wrapping(types, *r)) return t;
  }
  for (const auto& ref : f.function->opens) {
    auto t = types.resolve(ref);
    if (t && is_blocking_resource(*t)) return t;
  }
  for (const std::string& dep : f.function->dependencies) {
    if (auto t = remote_resource(idx, types, idx.find_function(dep), depth + 1)) return t;
  }
  return std::nullopt;
}

std::optional<Opened> remote_opened(const RuleContext& ctx, TSNode provider,
                                    semantic::ScopeId scope) {
  if (ctx.workspace.index == nullptr) return std::nullopt;
  auto qn = ctx.model.qualified_name(provider, scope);
  if (!qn) return std::nullopt;
  const auto& id = ctx.workspace.identity;
  std::string absolute = index::absolutize(*qn, id.module, id.is_package);
  if (absolute.empty()) return std::nullopt;
  index::FunctionRef f = ctx.workspace.index->find_function(absolute, ctx.workspace.module);
  if (!f) return std::nullopt;
  const index::WorkspaceTypes types(id, ctx.workspace.index, ctx.workspace.module);
  auto type = remote_resource(*ctx.workspace.index, types, f, 0);
  if (!type) return std::nullopt;
  const std::string& name = f.function->name;
  return Opened{
      *type, name,
      RelatedLocation{f.module->path == id.path ? std::string() : f.module->path,
                      f.function->name_range, "`" + name + "` opens a blocking `" + *type + "`"}};
}

}  // namespace

bool is_blocking_resource(std::string_view type) {
  for (auto t : kBlockingResources) {
    if (t == type) return true;
  }
  return false;
}

std::optional<std::string> opened_resource(const RuleContext& ctx, TSNode def) {
  return opened_resource_at(ctx, def, 0);
}

std::vector<TSNode> dependency_providers(const RuleContext& ctx, TSNode def,
                                         semantic::ScopeId outer) {
  std::vector<TSNode> out;
  for (const auto& p : dependency_parameters(ctx, def, outer)) out.push_back(p.provider);
  return out;
}

void check_sync_dependency(const RuleContext& ctx, const semantic::Site& site,
                           DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW402) || !syntax::is_async(site.node)) return;
  if (!ctx.framework.is_route_handler(site.node)) return;
  auto scope = ctx.model.scope_of(site.node);
  if (!scope) return;
  semantic::ScopeId outer = site.context.scope;
  const auto& f = syntax::fields();

  std::vector<std::string> params;
  std::vector<RelatedLocation> related;
  std::string first_dep, first_type;
  for (const auto& p : dependency_parameters(ctx, site.node, outer)) {
    std::optional<Opened> opened;
    TSNode dep = h::function_named(ctx, p.provider, outer);
    if (!ts_node_is_null(dep)) {
      if (auto type = opened_resource(ctx, dep)) {
        std::string dep_name(ctx.text(syntax::field(dep, f.name)));
        opened = Opened{*type, dep_name,
                        RelatedLocation{"", range_of(syntax::field(dep, f.name)),
                                        "`" + dep_name + "` opens a blocking `" + *type + "`"}};
      }
    } else {
      opened = remote_opened(ctx, p.provider, outer);
    }
    if (!opened) continue;
    std::string_view name = ctx.text(p.name);
    if (!used_on_loop(ctx, site.node, name, *scope)) continue;
    if (first_dep.empty()) {
      first_dep = opened->dependency;
      first_type = opened->type;
    }
    params.push_back("`" + std::string(name) + "`");
    related.push_back(std::move(opened->related));
  }
  if (params.empty()) return;
  std::string handler(ctx.text(syntax::field(site.node, f.name)));
  Diagnostic d;
  d.rule = RuleId::LW402;
  d.severity = rule_info(RuleId::LW402).default_severity;
  d.range = range_of(syntax::field(site.node, f.name));
  std::string list;
  for (std::size_t i = 0; i < params.size(); ++i) list += (i ? ", " : "") + params[i];
  d.message = "Async route handler `" + handler + "` uses " + list + " from the sync dependency `" +
              first_dep + "` (a blocking `" + first_type +
              "`): every call on it blocks the event loop; make the handler a plain `def` "
              "(FastAPI runs it in a thread pool) or use an async driver (`AsyncSession`)";
  d.related = std::move(related);
  out.report(std::move(d));
}

}  // namespace lw::analysis

#include "analysis/semantic/resources.h"

#include <algorithm>
#include <array>
#include <utility>

#include "analysis/syntax/navigation.h"

namespace lw::analysis::semantic {
namespace {

using syntax::Kind;

constexpr int kMaxDepth = 8;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

TSNode strip(TSNode node) {
  for (int i = 0; i < 64 && syntax::kind(node) == Kind::ParenthesizedExpression &&
                  ts_node_named_child_count(node) == 1;
       ++i) {
    node = ts_node_named_child(node, 0);
  }
  return node;
}

void add(std::vector<Resource>& out, Resource r) {
  if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(std::move(r));
}

void add_session_like(std::vector<Resource>& out, const std::vector<Resource>& from) {
  for (const auto& r : from) {
    if (r.session_like) add(out, r);
  }
}

// Objects a FastAPI dependency usually builds over the request's session: without the
// provider's body, two of them are assumed to share it.
bool looks_data_access(std::string_view name) {
  std::string n = lower(name);
  constexpr std::array<std::string_view, 12> kMarks = {
      "repo",       "service", "dao",     "crud", "uow",     "unit_of_work",
      "unitofwork", "store",   "session", "db",   "gateway", "manager"};
  return std::any_of(kMarks.begin(), kMarks.end(),
                     [&](std::string_view m) { return n.find(m) != std::string::npos; });
}

// The class scope whose method `scope` (or a lambda/comprehension inside it) belongs to,
// and the method's def node.
std::optional<std::pair<ScopeId, TSNode>> method_of(const SemanticModel& model, ScopeId scope) {
  for (int i = 0; i < 32 && scope != kNoScope; ++i) {
    const Scope& s = model.scope(scope);
    if (s.kind == ScopeKind::Function) {
      if (s.parent == kNoScope || model.scope(s.parent).kind != ScopeKind::Class) {
        return std::nullopt;
      }
      return std::make_pair(s.parent, s.node);
    }
    if (s.kind != ScopeKind::Lambda && s.kind != ScopeKind::Comprehension) return std::nullopt;
    scope = s.parent;
  }
  return std::nullopt;
}

TSNode first_parameter(TSNode def) {
  TSNode params = syntax::field(def, syntax::fields().parameters);
  if (ts_node_is_null(params) || ts_node_named_child_count(params) == 0) return TSNode{};
  TSNode first = ts_node_named_child(params, 0);
  if (syntax::kind(first) == Kind::TypedParameter) first = ts_node_named_child(first, 0);
  return syntax::kind(first) == Kind::Identifier ? first : TSNode{};
}

}  // namespace

bool ResourceModel::is_concurrency_safe_type(std::string_view type) {
  return type == "httpx.AsyncClient" || type == "aiohttp.ClientSession" ||
         type == "redis.asyncio.Redis";
}

bool ResourceModel::is_session_like_type(std::string_view type) {
  if (is_concurrency_safe_type(type)) return false;
  constexpr std::array<std::string_view, 9> kMarks = {"Session", "Connection", "connection",
                                                      "Cursor",  "cursor",     "WebSocket",
                                                      "socket",  "Conn",       "Transaction"};
  return std::any_of(kMarks.begin(), kMarks.end(),
                     [&](std::string_view m) { return type.find(m) != std::string_view::npos; });
}

bool ResourceModel::is_session_like_name(std::string_view name) {
  std::string n = lower(name);
  while (!n.empty() && n.front() == '_') n.erase(n.begin());
  constexpr std::array<std::string_view, 26> kNames = {
      "db",          "session", "conn",      "connection", "cursor",   "cur",    "tx",
      "transaction", "ws",      "websocket", "sock",       "socket",   "writer", "reader",
      "stream",      "channel", "dbconn",    "con",        "listener", "server", "proc",
      "process",     "pipe",    "file",      "lock",       "queue"};
  for (auto k : kNames) {
    if (n == k) return true;
    if (n.size() > k.size() + 1 && n.ends_with(k) && n[n.size() - k.size() - 1] == '_') {
      return true;
    }
  }
  return false;
}

bool ResourceModel::is_write_verb(std::string_view name) {
  constexpr std::string_view kVerbs[] = {
      "create",    "insert",    "update",  "upsert",   "delete", "remove",   "save",
      "send",      "post",      "put",     "patch",    "write",  "set",      "add",
      "publish",   "commit",    "charge",  "pay",      "refund", "transfer", "register",
      "enqueue",   "push",      "notify",  "emit",     "store",  "incr",     "decr",
      "increment", "decrement", "approve", "cancel",   "revoke", "grant",    "upload",
      "submit",    "execute",   "run",     "apply",    "mark",   "migrate",  "drop",
      "flush",     "assign",    "seed",    "rollback", "login",  "logout",   "signup"};
  std::string low = lower(name);
  std::size_t skipped = 0;
  while (skipped < low.size() && low[skipped] == '_') ++skipped;
  std::string_view rest = std::string_view(low).substr(skipped);
  for (auto verb : kVerbs) {
    if (!rest.starts_with(verb)) continue;
    if (rest.size() == verb.size()) return true;
    char next = name[skipped + verb.size()];
    if (next == '_' || (next >= 'A' && next <= 'Z')) return true;  // snake_case, camelCase
  }
  return false;
}

bool ResourceModel::writes_by_method_argument(std::string_view source, TSNode call) {
  const auto& f = syntax::fields();
  for (TSNode arg : syntax::named_children(syntax::field(call, f.arguments))) {
    if (syntax::kind(arg) != Kind::KeywordArgument) continue;
    if (syntax::text(syntax::field(arg, f.name), source) != "method") continue;
    TSNode value = syntax::field(arg, f.value);
    if (syntax::kind(value) != Kind::String) return false;
    std::string v = lower(syntax::text(value, source));
    for (std::string_view verb : {"post", "put", "patch", "delete"}) {
      if (v == "'" + std::string(verb) + "'" || v == "\"" + std::string(verb) + "\"") return true;
    }
    return false;
  }
  return false;
}

bool ResourceModel::share_session(const std::vector<Resource>& a, const std::vector<Resource>& b) {
  for (const auto& ra : a) {
    if (!ra.session_like) continue;
    for (const auto& rb : b) {
      if (rb.key == ra.key) return true;
    }
  }
  return false;
}

namespace {

// `app` and `app.db`: an object and its attributes cannot be told apart.
bool overlaps(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '.');
}

}  // namespace

bool ResourceModel::distinct(const std::vector<Resource>& a, const std::vector<Resource>& b) {
  if (a.empty() || b.empty()) return false;
  for (const auto& ra : a) {
    if (!ra.known) return false;
    for (const auto& rb : b) {
      if (!rb.known || overlaps(ra.key, rb.key)) return false;
    }
  }
  return true;
}

std::string_view ResourceModel::text(TSNode node) const { return syntax::text(node, source_); }

bool ResourceModel::session_like_value(TSNode ident, ScopeId scope) const {
  if (auto t = types_.type_of(ident, scope)) return is_session_like_type(*t);
  return is_session_like_name(text(ident));
}

std::vector<Resource> ResourceModel::of_expression(TSNode expr, ScopeId scope) const {
  return of_expression(expr, scope, 0);
}

std::vector<Resource> ResourceModel::of_expression(TSNode expr, ScopeId scope, int depth) const {
  if (ts_node_is_null(expr) || depth > kMaxDepth) return {};
  const auto& f = syntax::fields();
  expr = strip(expr);
  switch (syntax::kind(expr)) {
    case Kind::Await:
      if (ts_node_named_child_count(expr) != 1) return {};
      return of_expression(ts_node_named_child(expr, 0), scope, depth + 1);
    case Kind::Identifier:
      return of_identifier(expr, scope, depth);
    case Kind::Subscript:
      return of_expression(syntax::field(expr, f.value), scope, depth + 1);
    case Kind::Call:
      return derived_from(expr, scope, depth);
    case Kind::Attribute: {
      TSNode object = strip(syntax::field(expr, f.object));
      std::string_view attr = text(syntax::field(expr, f.attribute));
      if (syntax::kind(object) == Kind::Identifier) {
        if (auto method = method_of(model_, scope)) {
          TSNode self = first_parameter(method->second);
          if (!ts_node_is_null(self) && text(self) == text(object)) {
            auto ids = model_.lookup(text(object), scope);
            if (ids.size() == 1 && model_.binding(ids[0]).kind == BindingKind::Parameter) {
              return of_self_attribute(method->first, attr, depth + 1);
            }
          }
        }
      }
      std::vector<Resource> base = of_expression(object, scope, depth + 1);
      std::vector<Resource> out;
      add_session_like(out, base);
      if (!out.empty()) return out;  // `repo.session`, `uow.users`: the session itself
      bool session_like = is_session_like_name(attr);
      if (auto t = types_.type_of(expr, scope)) session_like = is_session_like_type(*t);
      for (const auto& r : base)
        add(out, Resource{r.key + "." + std::string(attr), session_like, r.known});
      return out;
    }
    default:
      return {};
  }
}

std::vector<Resource> ResourceModel::of_identifier(TSNode ident, ScopeId scope, int depth) const {
  auto ids = model_.lookup(text(ident), scope);
  if (ids.size() != 1) {
    return {Resource{"?" + std::string(text(ident)), session_like_value(ident, scope), false}};
  }
  return of_binding(ids[0], ident, scope, depth);
}

std::vector<Resource> ResourceModel::of_binding(BindingId id, TSNode ident, ScopeId scope,
                                                int depth) const {
  const Binding& b = model_.binding(id);
  Resource own{"b" + std::to_string(id), session_like_value(ident, scope), true};
  switch (b.kind) {
    case BindingKind::Parameter: {
      TSNode dep = depends_call(b.default_value, b.scope, depth + 1);
      if (ts_node_is_null(dep)) dep = depends_call(b.annotation, b.scope, depth + 1);
      if (!ts_node_is_null(dep))
        return of_dependency(dep, b.scope, b.annotation, text(ident), depth);
      return {own};
    }
    case BindingKind::Assignment:
    case BindingKind::WithTarget: {
      if (b.unpacked || ts_node_is_null(b.value)) return {own};
      // `x = y` is `y`; `x = Repo(session)` is the session; `x = httpx.AsyncClient()` is x.
      std::vector<Resource> from = of_expression(b.value, b.scope, depth + 1);
      if (from.empty()) return {own};
      return from;
    }
    default:
      return {own};
  }
}

std::vector<Resource> ResourceModel::derived_from(TSNode call, ScopeId scope, int depth) const {
  const auto& f = syntax::fields();
  std::vector<Resource> out;
  TSNode callee = strip(syntax::field(call, f.function));
  if (syntax::kind(callee) == Kind::Attribute) {
    add_session_like(out, of_expression(syntax::field(callee, f.object), scope, depth + 1));
  }
  TSNode args = syntax::field(call, f.arguments);
  for (TSNode arg : syntax::named_children(args)) {
    Kind k = syntax::kind(arg);
    if (k == Kind::Comment || k == Kind::ListSplat || k == Kind::DictionarySplat) continue;
    if (k == Kind::KeywordArgument) arg = syntax::field(arg, f.value);
    add_session_like(out, of_expression(arg, scope, depth + 1));
  }
  return out;
}

std::vector<Resource> ResourceModel::of_self_attribute(ScopeId class_scope, std::string_view attr,
                                                       int depth) const {
  const std::string memo = std::to_string(class_scope) + "." + std::string(attr);
  if (auto it = self_attributes_.find(memo); it != self_attributes_.end()) return it->second;
  const auto& f = syntax::fields();
  const Scope& cls = model_.scope(class_scope);
  bool session_like = is_session_like_name(attr);
  // A class-level annotation (`session: AsyncSession`, a dataclass field) types it.
  if (auto it = cls.names.find(attr); it != cls.names.end()) {
    for (BindingId id : it->second) {
      const Binding& b = model_.binding(id);
      if (ts_node_is_null(b.annotation)) continue;
      if (auto t = types_.annotation_type(b.annotation, class_scope)) {
        session_like = is_session_like_type(*t);
      }
    }
  }
  Resource own{"self." + std::string(attr) + "@" + std::to_string(class_scope), session_like, true};
  self_attributes_[memo] = {own};  // in progress: a cycle through attributes adds nothing
  std::vector<Resource> out;
  bool any_own = false;
  // `self.<attr> = value` in the methods of the class (not in nested defs): the model's walk
  // recorded every assignment to an attribute with its scope.
  for (const AttributeAssignment& a : model_.attribute_assignments()) {
    const Scope& fn = model_.scope(a.context.scope);
    if (fn.kind != ScopeKind::Function || fn.parent != class_scope) continue;
    if (text(syntax::field(a.target, f.attribute)) != attr) continue;
    TSNode obj = syntax::field(a.target, f.object);
    TSNode self = first_parameter(fn.node);
    if (ts_node_is_null(self) || syntax::kind(obj) != Kind::Identifier || text(obj) != text(self)) {
      continue;
    }
    std::vector<Resource> from = of_expression(a.value, a.context.scope, depth + 1);
    if (from.empty()) {
      any_own = true;
    } else {
      for (auto& r : from) add(out, std::move(r));
    }
  }
  if (out.empty() || any_own) add(out, own);
  self_attributes_[memo] = out;
  return out;
}

TSNode ResourceModel::depends_call(TSNode node, ScopeId scope, int depth) const {
  if (ts_node_is_null(node) || depth > kMaxDepth) return TSNode{};
  const auto& f = syntax::fields();
  switch (syntax::kind(node)) {
    case Kind::Call: {
      TSNode callee = strip(syntax::field(node, f.function));
      if (auto qn = model_.qualified_name(callee, scope)) {
        if (*qn == "fastapi.Depends" || *qn == "fastapi.params.Depends" ||
            *qn == "fastapi.Security") {
          return node;
        }
      }
      return TSNode{};
    }
    case Kind::Identifier: {
      // `UsersDep = Annotated[UsersRepo, Depends(get_users)]` at module level.
      auto ids = model_.lookup(text(node), scope);
      if (ids.size() != 1) return TSNode{};
      const Binding& b = model_.binding(ids[0]);
      if (b.kind != BindingKind::Assignment || b.scope != kModuleScope) return TSNode{};
      return depends_call(b.value, kModuleScope, depth + 1);
    }
    case Kind::Type:
    case Kind::GenericType:
    case Kind::Subscript:
    case Kind::ParenthesizedExpression:
      break;
    default:
      if (std::string_view(ts_node_type(node)) != "type_parameter") return TSNode{};
      break;
  }
  for (TSNode child : syntax::named_children(node)) {
    TSNode found = depends_call(child, scope, depth + 1);
    if (!ts_node_is_null(found)) return found;
  }
  return TSNode{};
}

void ResourceModel::provider_dependencies(TSNode def, int depth, std::vector<Resource>& out) const {
  auto scope = model_.scope_of(def);
  if (!scope) return;
  for (const auto& [name, ids] : model_.scope(*scope).names) {
    for (BindingId id : ids) {
      const Binding& b = model_.binding(id);
      if (b.kind != BindingKind::Parameter || b.scope != *scope) continue;
      TSNode dep = depends_call(b.default_value, *scope, depth + 1);
      if (ts_node_is_null(dep)) dep = depends_call(b.annotation, *scope, depth + 1);
      if (ts_node_is_null(dep)) continue;
      add_session_like(out, of_dependency(dep, *scope, b.annotation, name, depth + 1));
    }
  }
}

std::vector<Resource> ResourceModel::of_dependency(TSNode depends, ScopeId scope, TSNode annotation,
                                                   std::string_view param, int depth) const {
  const auto& f = syntax::fields();
  std::vector<Resource> out;
  TSNode provider{};
  for (TSNode arg : syntax::named_children(syntax::field(depends, f.arguments))) {
    if (syntax::kind(arg) == Kind::Comment) continue;
    if (syntax::kind(arg) == Kind::KeywordArgument) {
      if (text(syntax::field(arg, f.name)) == "dependency") provider = syntax::field(arg, f.value);
      continue;
    }
    if (ts_node_is_null(provider)) provider = arg;
  }
  provider = strip(provider);
  bool session_like = is_session_like_name(param);
  if (!ts_node_is_null(annotation)) {
    if (auto t = types_.annotation_type(annotation, scope)) session_like = is_session_like_type(*t);
  }
  std::string name =
      ts_node_is_null(provider) ? std::string(text(annotation)) : std::string(text(provider));
  if (!ts_node_is_null(provider)) {
    if (auto qn = model_.qualified_name(provider, scope)) name = *qn;
  }
  add(out, Resource{"dep:" + name, session_like, true});
  if (depth > kMaxDepth) return out;

  // The provider's own dependencies: a def of this file, or a class whose `__init__` takes them.
  TSNode def{};
  if (syntax::kind(provider) == Kind::Identifier) {
    auto ids = model_.lookup(text(provider), scope);
    if (ids.size() == 1) {
      const Binding& b = model_.binding(ids[0]);
      if (b.kind == BindingKind::Function) {
        def = b.value;
      } else if (b.kind == BindingKind::Class) {
        if (auto cls = model_.scope_of(b.value)) {
          auto it = model_.scope(*cls).names.find("__init__");
          if (it != model_.scope(*cls).names.end() && it->second.size() == 1 &&
              model_.binding(it->second[0]).kind == BindingKind::Function) {
            def = model_.binding(it->second[0]).value;
          }
        }
      }
    }
  }
  if (!ts_node_is_null(def)) {
    provider_dependencies(def, depth, out);
  } else if (!session_like) {
    // A provider loopwarden cannot see: repositories and services it builds usually wrap the
    // request's session.
    std::string_view type_text = ts_node_is_null(annotation) ? "" : text(annotation);
    if (looks_data_access(param) || looks_data_access(type_text) || looks_data_access(name)) {
      add(out, Resource{"dep:?request-session", true, false});
    }
  }
  return out;
}

CallResources ResourceModel::of_call(TSNode call, ScopeId scope, bool module_receiver) const {
  const auto& f = syntax::fields();
  CallResources out;
  TSNode callee = strip(syntax::field(call, f.function));
  TSNode name = callee;
  if (syntax::kind(callee) == Kind::Attribute) {
    name = syntax::field(callee, f.attribute);
    if (!module_receiver) {
      TSNode object = syntax::field(callee, f.object);
      out.has_receiver = true;
      out.receiver = of_expression(object, scope, 0);
      if (out.receiver.empty()) {
        out.receiver.push_back(Resource{"?" + std::string(text(object)), false, false});
      }
    }
  }
  out.writes = (syntax::kind(name) == Kind::Identifier && is_write_verb(text(name))) ||
               writes_by_method_argument(source_, call);
  for (TSNode arg : syntax::named_children(syntax::field(call, f.arguments))) {
    Kind k = syntax::kind(arg);
    if (k == Kind::Comment) continue;
    if (k == Kind::KeywordArgument) arg = syntax::field(arg, f.value);
    if (k == Kind::ListSplat || k == Kind::DictionarySplat) arg = ts_node_named_child(arg, 0);
    for (auto& r : of_expression(arg, scope, 0)) add(out.arguments, std::move(r));
  }
  return out;
}

}  // namespace lw::analysis::semantic

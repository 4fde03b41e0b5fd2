#pragma once
// FastAPI / Starlette awareness shared by the rules: which functions of the file are route
// handlers. A route handler is a function decorated with `@X.get/post/put/patch/delete/head/
// options/trace/api_route/route/websocket/websocket_route(...)` or registered with
// `X.add_api_route / add_route / add_websocket_route / add_api_websocket_route(path, f)`,
// where X is known (through semantic::TypeResolver) to be a FastAPI, APIRouter, Starlette or
// Router instance.
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analysis/semantic/model.h"
#include "analysis/semantic/types.h"

namespace lw::analysis::semantic {

class Framework {
 public:
  Framework(const SemanticModel& model, const TypeResolver& types);

  bool is_route_handler(TSNode function_definition) const {
    return routes_.count(function_definition.id) != 0;
  }
  bool is_websocket_handler(TSNode function_definition) const {
    return websockets_.count(function_definition.id) != 0;
  }
  // True when `receiver` (an expression) is a FastAPI/APIRouter/Starlette/Router instance.
  bool is_app_or_router(TSNode receiver, ScopeId scope) const;

  // A name handed to something that enters it as a context manager: `asynccontextmanager(f)`,
  // `Depends(f)` / `Security(f)` / `dependency=f` (FastAPI enters yield dependencies), or
  // `lifespan=f` anywhere. Collected in the one walk over the sites (a rule asking per
  // generator would scan every call of the file again).
  struct EnteredName {
    TSNode name;  // an identifier
    ScopeId scope;
  };
  const std::vector<EnteredName>& entered_as_context_managers() const { return entered_; }

 private:
  void collect_entered(const Site& call, std::string_view source);

  const TypeResolver& types_;
  std::vector<EnteredName> entered_;
  std::unordered_set<const void*> routes_;
  std::unordered_set<const void*> websockets_;
};

}  // namespace lw::analysis::semantic

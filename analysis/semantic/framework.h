#pragma once
// FastAPI / Starlette awareness shared by the rules: which functions of the file are route
// handlers. A route handler is a function decorated with `@X.get/post/put/patch/delete/head/
// options/trace/api_route/route/websocket/websocket_route(...)` or registered with
// `X.add_api_route / add_route / add_websocket_route / add_api_websocket_route(path, f)`,
// where X is known (through semantic::TypeResolver) to be a FastAPI, APIRouter, Starlette or
// Router instance.
#include <unordered_set>

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

 private:
  const TypeResolver& types_;
  std::unordered_set<const void*> routes_;
  std::unordered_set<const void*> websockets_;
};

}  // namespace lw::analysis::semantic

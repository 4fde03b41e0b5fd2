#include "protocol/types/json_read.h"

namespace lw::protocol {
namespace detail {

void throw_type_error(const json& j, std::string_view expected) {
  throw ParamsError(": expected " + std::string(expected) + ", got " + std::string(j.type_name()));
}

void rethrow_with_prefix(const ParamsError& e, std::string_view prefix) {
  const std::string_view inner = e.what();
  std::string joined(prefix);
  if (!inner.empty() && inner.front() != ':' && inner.front() != '[') joined += '.';
  joined += inner;
  throw ParamsError(joined);
}

}  // namespace detail

void expect_object(const json& j, std::string_view what) {
  if (!j.is_object()) {
    throw ParamsError(std::string(what) + ": expected an object, got " +
                      std::string(j.type_name()));
  }
}

}  // namespace lw::protocol

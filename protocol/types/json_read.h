#pragma once
// Reading LSP values from JSON. Every from_json in protocol/types reads through these
// helpers, so that a malformed value becomes a ParamsError naming the path of the bad field
// ("textDocument.version: expected an integer"), which the server answers with InvalidParams.
//
// Absent and null: `optional_field` treats a null like an absent field (clients write either
// for "not given"); fields where null means something else are read with `field_value`.
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace lw::protocol {

using json = nlohmann::json;

class ParamsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

[[noreturn]] void throw_type_error(const json& j, std::string_view expected);
[[noreturn]] void rethrow_with_prefix(const ParamsError& e, std::string_view prefix);

}  // namespace detail

// Converts one JSON value to T with type checks (no implicit number/string conversions).
template <class T>
void read_value(const json& j, T& out) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) detail::throw_type_error(j, "a boolean");
    out = j.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    if (!j.is_number_integer()) detail::throw_type_error(j, "an integer");
    if constexpr (std::is_unsigned_v<T>) {
      if (j.is_number_unsigned() && j.get<std::uint64_t>() <= std::numeric_limits<T>::max()) {
        out = static_cast<T>(j.get<std::uint64_t>());
      } else {
        detail::throw_type_error(j, "a non-negative integer in range");
      }
    } else {
      const bool fits =
          j.is_number_unsigned()
              ? j.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())
              : (j.get<std::int64_t>() >= std::numeric_limits<T>::min() &&
                 j.get<std::int64_t>() <= std::numeric_limits<T>::max());
      if (!fits) detail::throw_type_error(j, "an integer in range");
      out = static_cast<T>(j.get<std::int64_t>());
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) detail::throw_type_error(j, "a string");
    out = j.get<std::string>();
  } else if constexpr (std::is_same_v<T, json>) {
    out = j;
  } else if constexpr (detail::IsVector<T>::value) {
    if (!j.is_array()) detail::throw_type_error(j, "an array");
    out.clear();
    out.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
      try {
        read_value(j[i], out.emplace_back());
      } catch (const ParamsError& e) {
        detail::rethrow_with_prefix(e, "[" + std::to_string(i) + "]");
      }
    }
  } else {
    if (!j.is_object()) detail::throw_type_error(j, "an object");
    from_json(j, out);  // the type's own hand-written from_json (found by ADL)
  }
}

// A field that must be present (null is only accepted when T accepts it, e.g. json).
template <class T>
T required_field(const json& object, std::string_view key) {
  const auto it = object.find(key);
  if (it == object.end()) throw ParamsError(std::string(key) + ": missing");
  T out{};
  try {
    read_value(*it, out);
  } catch (const ParamsError& e) {
    detail::rethrow_with_prefix(e, key);
  }
  return out;
}

// A field that may be absent or null.
template <class T>
std::optional<T> optional_field(const json& object, std::string_view key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  T out{};
  try {
    read_value(*it, out);
  } catch (const ParamsError& e) {
    detail::rethrow_with_prefix(e, key);
  }
  return out;
}

// A field read leniently: absent, null or of the wrong type all give nullopt. For client
// capabilities, where a client quirk (an empty Lua table encoded as [], say) must not make
// `initialize` fail.
template <class T>
std::optional<T> tolerant_field(const json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  try {
    return optional_field<T>(object, key);
  } catch (const ParamsError&) {
    return std::nullopt;
  }
}

// Checks that a params value is an object (before reading its fields).
void expect_object(const json& j, std::string_view what);

}  // namespace lw::protocol

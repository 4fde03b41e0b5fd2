#include "server/config/settings_json.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "server/config/settings_table.h"

namespace lw::server::config {
namespace {

// JSON -> TOML node; nullopt for null (which TOML cannot express).
std::optional<toml::table> to_table(const nlohmann::json& object);
std::optional<toml::array> to_array(const nlohmann::json& array);

template <typename Container>
bool insert(Container& into, const nlohmann::json& value, const std::string* key) {
  auto put = [&](auto&& node) {
    if constexpr (std::is_same_v<Container, toml::table>) {
      into.insert(*key, std::forward<decltype(node)>(node));
    } else {
      into.push_back(std::forward<decltype(node)>(node));
    }
  };
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      if (auto t = to_table(value)) put(std::move(*t));
      return true;
    case nlohmann::json::value_t::array:
      if (auto a = to_array(value)) put(std::move(*a));
      return true;
    case nlohmann::json::value_t::string:
      put(value.get<std::string>());
      return true;
    case nlohmann::json::value_t::boolean:
      put(value.get<bool>());
      return true;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      put(value.get<std::int64_t>());
      return true;
    case nlohmann::json::value_t::number_float:
      put(value.get<double>());
      return true;
    default:
      return false;  // null, binary, discarded
  }
}

std::optional<toml::table> to_table(const nlohmann::json& object) {
  toml::table table;
  for (const auto& [key, value] : object.items()) insert(table, value, &key);
  return table;
}

std::optional<toml::array> to_array(const nlohmann::json& array) {
  toml::array out;
  for (const nlohmann::json& value : array) insert(out, value, nullptr);
  return out;
}

}  // namespace

ParsedSettings parse_settings_json(const nlohmann::json& settings, std::string_view origin) {
  if (settings.is_null()) return ParsedSettings{};
  if (!settings.is_object()) {
    ParsedSettings result;
    result.errors.push_back(
        ConfigError{std::string(origin), 0, 0, "settings must be an object of loopwarden keys"});
    return result;
  }
  return validate_settings_table(*to_table(settings), origin, "");
}

}  // namespace lw::server::config

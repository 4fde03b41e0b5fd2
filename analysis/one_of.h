#pragma once
// Whether a name is in one of the small fixed tables of names rules and fixes keep
// (`kPureBuiltins`, `{"builtins.open", "io.open"}`, ...).
#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <string_view>

namespace lw::analysis {

template <typename Range>
bool one_of(const Range& names, std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

inline bool one_of(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace lw::analysis

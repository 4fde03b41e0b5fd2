#pragma once
// Where a rule's documentation lives on the web (JSON `url`, SARIF `helpUri`).
#include <string>
#include <string_view>

namespace lw::server::cli {

inline constexpr std::string_view kProjectUrl = "https://github.com/loopwarden/loopwarden";

inline std::string rule_url(std::string_view code) {
  return std::string(kProjectUrl) + "/blob/main/docs/rules/" + std::string(code) + ".md";
}

}  // namespace lw::server::cli

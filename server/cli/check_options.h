#pragma once
// The options of `loopwarden check`, as parsed from the command line (server/main.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lw::server::cli {

enum class OutputFormat { Text, Json, Sarif, Github };

std::optional<OutputFormat> parse_output_format(std::string_view name);

struct CheckOptions {
  std::vector<std::string> paths;  // empty: "."
  OutputFormat output_format = OutputFormat::Text;
  std::optional<std::vector<std::string>> select;  // replaces the configured selection
  std::vector<std::string> ignore;                 // added to the configured ignores
  std::optional<std::string> config_file;
  std::optional<std::string> stdin_filename;
  unsigned threads = 0;  // 0: one per core
  bool fix = false;
  bool unsafe_fixes = false;
  bool diff = false;
  bool statistics = false;
  bool exit_zero = false;
  bool no_cache = false;
  bool no_prefilter = false;  // hidden: analyse every file (tests, benchmarks)
  bool quiet = false;
};

}  // namespace lw::server::cli

#pragma once
// What the report's destination is: colours on a terminal only, as ruff decides them
// (CLICOLOR_FORCE or FORCE_COLOR set and not "0": always; else NO_COLOR set and not empty:
// never; else when the destination is a terminal and TERM is not "dumb"), and the width
// source lines are cut to (the terminal's, or $COLUMNS when set; none otherwise).
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lw::server::cli {

using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

EnvLookup process_environment();

bool use_color(bool is_terminal, const EnvLookup& env);

std::optional<unsigned> output_width(int fd, const EnvLookup& env);

bool is_terminal(int fd);

// ANSI SGR styles; `apply` returns the text unchanged when colours are off.
enum class Paint { Bold, Red, BoldRed, Yellow, Blue, BoldBlue, Cyan, BoldCyan, Green, Dim };

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(Paint paint, std::string_view text) const;
  bool color() const { return color_; }

 private:
  bool color_;
};

}  // namespace lw::server::cli

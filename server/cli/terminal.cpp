#include "server/cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>

namespace lw::server::cli {
namespace {

bool set_and_not_zero(const std::optional<std::string>& value) {
  return value && !value->empty() && *value != "0";
}

std::string_view sgr(Paint paint) {
  switch (paint) {
    case Paint::Bold:
      return "1";
    case Paint::Red:
      return "31";
    case Paint::BoldRed:
      return "1;31";
    case Paint::Yellow:
      return "33";
    case Paint::Blue:
      return "34";
    case Paint::BoldBlue:
      return "1;34";
    case Paint::Cyan:
      return "36";
    case Paint::BoldCyan:
      return "1;36";
    case Paint::Green:
      return "32";
    case Paint::Dim:
      break;
  }
  return "2";
}

}  // namespace

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

bool use_color(bool terminal, const EnvLookup& env) {
  if (set_and_not_zero(env("CLICOLOR_FORCE")) || set_and_not_zero(env("FORCE_COLOR"))) return true;
  if (const auto no_color = env("NO_COLOR"); no_color && !no_color->empty()) return false;
  if (!terminal) return false;
  const auto term = env("TERM");
  return !(term && *term == "dumb");
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

std::optional<unsigned> output_width(int fd, const EnvLookup& env) {
  if (const auto columns = env("COLUMNS")) {
    unsigned value = 0;
    const auto [end, ec] =
        std::from_chars(columns->data(), columns->data() + columns->size(), value);
    if (ec == std::errc() && end == columns->data() + columns->size() && value >= 20) return value;
  }
  winsize size{};
  if (is_terminal(fd) && ::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) {
    return size.ws_col;
  }
  return std::nullopt;
}

std::string Painter::operator()(Paint paint, std::string_view text) const {
  if (!color_ || text.empty()) return std::string(text);
  std::string out = "\x1b[";
  out += sgr(paint);
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

}  // namespace lw::server::cli

#include "server/cli/import_scan.h"

#include <cstring>

namespace lw::server::cli {
namespace {

bool ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

class Reader {
 public:
  Reader(std::string_view text, std::size_t pos) : t_(text), p_(pos) {}

  // Spaces, tabs and backslash continuations; inside parentheses also newlines and comments.
  void skip_space(bool in_parens) {
    while (p_ < t_.size()) {
      const char c = t_[p_];
      if (c == ' ' || c == '\t' || c == '\f') {
        ++p_;
      } else if (c == '\\' && p_ + 1 < t_.size() && (t_[p_ + 1] == '\n' || t_[p_ + 1] == '\r')) {
        p_ += 2;
        if (p_ < t_.size() && t_[p_ - 1] == '\r' && t_[p_] == '\n') ++p_;
      } else if (in_parens && (c == '\n' || c == '\r')) {
        ++p_;
      } else if (in_parens && c == '#') {
        while (p_ < t_.size() && t_[p_] != '\n') ++p_;
      } else {
        return;
      }
    }
  }
  bool take(char c) {
    if (p_ < t_.size() && t_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  // A dotted name (`a.b.c`), as written.
  std::string_view dotted() {
    const std::size_t start = p_;
    while (p_ < t_.size() && (ident(t_[p_]) || t_[p_] == '.')) ++p_;
    return t_.substr(start, p_ - start);
  }
  bool word(std::string_view w) {
    if (t_.substr(p_, w.size()) != w) return false;
    if (p_ + w.size() < t_.size() && ident(t_[p_ + w.size()])) return false;
    p_ += w.size();
    return true;
  }

 private:
  std::string_view t_;
  std::size_t p_;
};

// The module of `from <module> import`, when the word before `import` (at `at`) is one.
bool from_module(std::string_view text, std::size_t at, std::string_view& module) {
  std::size_t j = at;
  while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '\t')) --j;
  std::size_t k = j;
  while (k > 0 && (ident(text[k - 1]) || text[k - 1] == '.')) --k;
  if (k == j) return false;
  std::size_t m = k;
  while (m > 0 && (text[m - 1] == ' ' || text[m - 1] == '\t')) --m;
  if (m < 4 || text.substr(m - 4, 4) != "from" || (m > 4 && ident(text[m - 5]))) return false;
  module = text.substr(k, j - k);
  return true;
}

// The logical line before `at`: from the start of its first physical line, with backslash
// continuations replaced by spaces (`from a \\ <newline> import b`).
std::string logical_line_before(std::string_view text, std::size_t at) {
  std::size_t start = at;
  for (;;) {
    while (start > 0 && text[start - 1] != '\n') --start;
    std::size_t end = start;  // the previous physical line ends before text[end - 1] == '\n'
    if (end < 2) break;
    --end;
    if (end > 0 && text[end - 1] == '\r') --end;
    if (end == 0 || text[end - 1] != '\\') break;
    start = end - 1;
  }
  std::string line(text.substr(start, at - start));
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '\n' || line[i + 1] == '\r')) {
      line[i] = ' ';
    }
    if (line[i] == '\n' || line[i] == '\r') line[i] = ' ';
  }
  return line;
}

}  // namespace

ScannedImports scan_imports(std::string_view text) {
  ScannedImports out;
  for (std::size_t pos = 0;;) {
    const void* hit = ::memmem(text.data() + pos, text.size() - pos, "import", 6);
    if (hit == nullptr) break;
    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    pos = at + 6;
    if ((at > 0 && ident(text[at - 1])) || (pos < text.size() && ident(text[pos]))) continue;
    const std::string before = logical_line_before(text, at);
    std::string_view module;
    const bool from = from_module(before, before.size(), module);
    Reader r(text, pos);
    r.skip_space(false);
    const bool parens = r.take('(');
    for (;;) {
      r.skip_space(parens);
      if (r.take('*')) {  // binds whatever the module exports: anything below it
        if (from) out.bindings.emplace_back("*", std::string(module));
        break;
      }
      const std::string_view name = r.dotted();
      if (name.empty()) break;
      r.skip_space(parens);
      std::string_view alias;
      if (r.word("as")) {
        r.skip_space(parens);
        alias = r.dotted();
      }
      std::string qualified;
      std::string bound;
      if (from) {
        qualified = std::string(module);
        if (!qualified.empty() && qualified.back() != '.') qualified += '.';
        qualified += name;
        bound = std::string(alias.empty() ? name : alias);
      } else if (!alias.empty()) {
        qualified = std::string(name);
        bound = std::string(alias);
      } else {
        qualified = std::string(name.substr(0, name.find('.')));
        bound = qualified;
      }
      out.bindings.emplace_back(std::move(bound), std::move(qualified));
      r.skip_space(parens);
      if (!r.take(',')) break;
    }
  }
  return out;
}

}  // namespace lw::server::cli

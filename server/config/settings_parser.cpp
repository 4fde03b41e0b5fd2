#include "server/config/settings_parser.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "analysis/config.h"
#include "analysis/rules/blocking_patterns.h"
#include "server/config/settings_table.h"

namespace lw::server::config {
namespace {

constexpr std::array<std::string_view, 29> kKeys = {"select",
                                                    "extend-select",
                                                    "ignore",
                                                    "extend-ignore",
                                                    "extend-blocking-calls",
                                                    "extend-async-functions",
                                                    "exclude",
                                                    "extend-exclude",
                                                    "severity",
                                                    "per-file-ignores",
                                                    "output-format",
                                                    "fix",
                                                    "unsafe-fixes",
                                                    "show-fixes",
                                                    "fail-level",
                                                    "cache-dir",
                                                    "python",
                                                    "extra-paths",
                                                    "exclude-libraries",
                                                    "library-depth",
                                                    "force-exclude",
                                                    "respect-gitignore",
                                                    "fixable",
                                                    "extend-fixable",
                                                    "unfixable",
                                                    "target-version",
                                                    "extend",
                                                    "include",
                                                    "extend-include"};

constexpr std::array<std::string_view, 13> kOutputFormats = {
    "full",   "concise", "grouped", "json",  "json-lines", "junit", "gitlab",
    "pylint", "rdjson",  "azure",   "sarif", "github",     "text"};

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

bool is_identifier_char(char c, bool first) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) return true;  // non-ASCII identifiers are valid Python
  if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return !first && c >= '0' && c <= '9';
}

bool is_qualified_name(std::string_view name) {
  if (name.empty()) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    if (dot == start) return false;
    for (std::size_t i = start; i < dot; ++i) {
      if (!is_identifier_char(name[i], i == start)) return false;
    }
    if (dot == name.size()) return true;
    start = dot + 1;
  }
}

struct Item {
  std::string value;
  toml::source_region where;
};

class Validator {
 public:
  Validator(std::string_view path, std::vector<ConfigError>& errors)
      : path_(path), errors_(errors) {}

  void error(const toml::source_region& where, std::string message) {
    errors_.push_back(
        ConfigError{std::string(path_), where.begin.line, where.begin.column, std::move(message)});
  }

  // An array of strings, or nullopt after reporting an error.
  std::optional<std::vector<Item>> strings(const toml::node& node, std::string_view key) {
    const toml::array* array = node.as_array();
    if (array == nullptr) {
      error(node.source(), "`" + std::string(key) + "` must be an array of strings, found " +
                               std::string(type_name(node)));
      return std::nullopt;
    }
    std::vector<Item> items;
    bool ok = true;
    for (const toml::node& element : *array) {
      if (const auto* s = element.as_string()) {
        items.push_back(Item{s->get(), element.source()});
      } else {
        error(element.source(), "`" + std::string(key) + "` must contain only strings, found " +
                                    std::string(type_name(element)));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return items;
  }

  std::vector<std::string> selectors(const toml::node& node, std::string_view key) {
    std::vector<std::string> out;
    auto items = strings(node, key);
    if (!items) return out;
    for (Item& item : *items) {
      item.value = normalize_rule_selector(item.value);
      if (is_valid_rule_selector(item.value)) {
        out.push_back(std::move(item.value));
      } else {
        error(item.where,
              "unknown rule code or prefix `" + item.value + "` in `" + std::string(key) + "`");
      }
    }
    return out;
  }

  std::optional<bool> boolean(const toml::node& node, std::string_view key) {
    if (const auto* b = node.as_boolean()) return b->get();
    error(node.source(),
          "`" + std::string(key) + "` must be a boolean, found " + std::string(type_name(node)));
    return std::nullopt;
  }

  // A string among `allowed`, or nullopt after reporting an error.
  template <std::size_t N>
  std::optional<std::string> one_of(const toml::node& node, std::string_view key,
                                    const std::array<std::string_view, N>& allowed) {
    const auto* s = node.as_string();
    if (s != nullptr && std::find(allowed.begin(), allowed.end(), s->get()) != allowed.end()) {
      return s->get();
    }
    std::string message = "`" + std::string(key) + "` must be one of";
    for (std::size_t i = 0; i < N; ++i) message += (i == 0 ? " " : ", ") + std::string(allowed[i]);
    error(node.source(), message + ", found " +
                             (s != nullptr ? "`" + s->get() + "`" : std::string(type_name(node))));
    return std::nullopt;
  }

  std::optional<std::string> string(const toml::node& node, std::string_view key) {
    if (const auto* s = node.as_string(); s != nullptr && !s->get().empty()) return s->get();
    error(node.source(), "`" + std::string(key) + "` must be a non-empty string, found " +
                             std::string(type_name(node)));
    return std::nullopt;
  }

  std::vector<std::string> qualified_names(const toml::node& node, std::string_view key) {
    std::vector<std::string> out;
    auto items = strings(node, key);
    if (!items) return out;
    for (Item& item : *items) {
      if (is_qualified_name(item.value)) {
        out.push_back(std::move(item.value));
      } else {
        error(item.where, "`" + item.value + "` in `" + std::string(key) +
                              "` is not a qualified name like `package.module.function`");
      }
    }
    return out;
  }

  // `extend-blocking-calls`: flake8-async's `--async200-blocking-calls` entries
  // (analysis/rules/blocking_patterns.h).
  std::vector<std::string> blocking_patterns(const toml::node& node, std::string_view key) {
    std::vector<std::string> out;
    auto items = strings(node, key);
    if (!items) return out;
    for (Item& item : *items) {
      if (auto problem = analysis::blocking_pattern_problem(item.value)) {
        error(item.where, "`" + item.value + "` in `" + std::string(key) +
                              "` is not a qualified name or pattern like `package.module.function` "
                              "or `*.fetch_sync`: " +
                              *problem);
      } else {
        out.push_back(std::move(item.value));
      }
    }
    return out;
  }

  std::optional<Glob> glob(std::string pattern, const toml::source_region& where,
                           std::string_view key) {
    // Patterns are relative to the configuration file's directory: "./x" and "/x" mean "x".
    std::string_view p = pattern;
    while (p.starts_with("./")) p.remove_prefix(2);
    while (p.starts_with('/')) p.remove_prefix(1);
    std::string problem;
    auto compiled = Glob::compile(p, &problem);
    if (!compiled) {
      error(where, "invalid glob `" + pattern + "` in `" + std::string(key) + "`: " + problem);
    }
    return compiled;
  }

  std::vector<Glob> globs(const toml::node& node, std::string_view key) {
    std::vector<Glob> out;
    auto items = strings(node, key);
    if (!items) return out;
    for (Item& item : *items) {
      if (auto g = glob(item.value, item.where, key)) out.push_back(std::move(*g));
    }
    return out;
  }

  const toml::table* table(const toml::node& node, std::string_view key) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      error(node.source(),
            "`" + std::string(key) + "` must be a table, found " + std::string(type_name(node)));
    }
    return t;
  }

  std::vector<SeverityOverride> severities(const toml::node& node) {
    std::vector<SeverityOverride> out;
    const toml::table* t = table(node, "severity");
    if (t == nullptr) return out;
    for (const auto& [key, value] : *t) {
      const std::string code(key.str());
      if (!is_valid_rule_selector(code)) {
        error(key.source(), "unknown rule code or prefix `" + code + "` in `severity`");
        continue;
      }
      const auto* s = value.as_string();
      if (s == nullptr) {
        error(value.source(), "severity of `" + code + "` must be a string, found " +
                                  std::string(type_name(value)));
        continue;
      }
      auto severity = analysis::parse_severity(s->get());
      if (!severity) {
        error(value.source(), "invalid severity `" + s->get() + "` for `" + code +
                                  "` (expected error, warning, information or hint)");
        continue;
      }
      out.push_back(SeverityOverride{code, *severity});
    }
    return out;
  }

  std::vector<PerFileIgnore> per_file_ignores(const toml::node& node) {
    std::vector<PerFileIgnore> out;
    const toml::table* t = table(node, "per-file-ignores");
    if (t == nullptr) return out;
    for (const auto& [key, value] : *t) {
      auto pattern = glob(std::string(key.str()), key.source(), "per-file-ignores");
      auto codes = selectors(value, "per-file-ignores");
      if (pattern) out.push_back(PerFileIgnore{std::move(*pattern), std::move(codes)});
    }
    return out;
  }

 private:
  std::string_view path_;
  std::vector<ConfigError>& errors_;
};

std::string unknown_key_message(std::string_view key, std::string_view section) {
  std::string message = "unknown key `" + std::string(key) + "`";
  if (!section.empty()) message += " in [" + std::string(section) + "]";
  std::string dashed(key);
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  if (dashed != key && std::find(kKeys.begin(), kKeys.end(), dashed) != kKeys.end()) {
    return message + " (did you mean `" + dashed + "`?)";
  }
  message += " (expected one of:";
  for (std::size_t i = 0; i < kKeys.size(); ++i) {
    message += (i == 0 ? " " : ", ");
    message += kKeys[i];
  }
  return message + ")";
}

template <typename T>
void append(std::vector<T>& to, std::vector<T> from) {
  for (T& item : from) to.push_back(std::move(item));
}

Settings read_settings(const toml::table& table, std::string_view section, Validator& v,
                       std::vector<ConfigError>& errors) {
  Settings settings;
  for (const auto& [key, value] : table) {
    const std::string_view name = key.str();
    if (name == "select") {
      settings.select = v.selectors(value, name);
    } else if (name == "extend-select") {
      append(settings.extend_select, v.selectors(value, name));
    } else if (name == "ignore" || name == "extend-ignore") {
      append(settings.ignore, v.selectors(value, name));
    } else if (name == "extend-blocking-calls") {
      settings.extend_blocking_calls = v.blocking_patterns(value, name);
    } else if (name == "extend-async-functions") {
      settings.extend_async_functions = v.qualified_names(value, name);
    } else if (name == "exclude" || name == "extend-exclude") {
      append(settings.exclude, v.globs(value, name));
    } else if (name == "include") {
      settings.include = v.globs(value, name);
    } else if (name == "extend-include") {
      append(settings.extend_include, v.globs(value, name));
    } else if (name == "output-format") {
      settings.output_format = v.one_of(value, name, kOutputFormats);
    } else if (name == "fix") {
      settings.fix = v.boolean(value, name);
    } else if (name == "unsafe-fixes") {
      settings.unsafe_fixes = v.boolean(value, name);
    } else if (name == "show-fixes") {
      settings.show_fixes = v.boolean(value, name);
    } else if (name == "fail-level") {
      constexpr std::array<std::string_view, 3> kLevels = {"information", "warning", "error"};
      if (auto level = v.one_of(value, name, kLevels)) {
        settings.fail_level =
            *level == "information" ? analysis::Severity::Hint : *analysis::parse_severity(*level);
      }
    } else if (name == "cache-dir") {
      settings.cache_dir = v.string(value, name);
    } else if (name == "python") {
      settings.python = v.string(value, name);
    } else if (name == "extra-paths" || name == "exclude-libraries") {
      std::vector<std::string>& to =
          name == "extra-paths" ? settings.extra_paths : settings.exclude_libraries;
      if (auto items = v.strings(value, name)) {
        for (auto& item : *items) to.push_back(std::move(item.value));
      }
    } else if (name == "library-depth") {
      const auto* i = value.as_integer();
      if (i != nullptr && i->get() >= 0 && i->get() <= 32) {
        settings.library_depth = static_cast<int>(i->get());
      } else {
        v.error(value.source(), "`library-depth` must be an integer from 0 to 32");
      }
    } else if (name == "fixable") {
      settings.fixable = v.selectors(value, name);
    } else if (name == "extend-fixable") {
      append(settings.extend_fixable, v.selectors(value, name));
    } else if (name == "unfixable") {
      append(settings.unfixable, v.selectors(value, name));
    } else if (name == "force-exclude") {
      settings.force_exclude = v.boolean(value, name);
    } else if (name == "respect-gitignore") {
      settings.respect_gitignore = v.boolean(value, name);
    } else if (name == "extend") {
      settings.extend = v.string(value, name);
    } else if (name == "target-version") {
      const auto* s = value.as_string();
      std::optional<int> minor = s != nullptr ? parse_target_version(s->get()) : std::nullopt;
      if (minor) {
        settings.target_version = minor;
      } else {
        v.error(value.source(),
                "`target-version` must be one of py37, py38, ..., py314, found " +
                    (s != nullptr ? "`" + s->get() + "`" : std::string(type_name(value))));
      }
    } else if (name == "severity") {
      settings.severity = v.severities(value);
    } else if (name == "per-file-ignores") {
      settings.per_file_ignores = v.per_file_ignores(value);
    } else {
      v.error(key.source(), unknown_key_message(name, section));
    }
  }
  std::stable_sort(errors.begin(), errors.end(), [](const ConfigError& a, const ConfigError& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  // Errors invalidate the whole source: a half-applied configuration would silently differ
  // from what the user wrote.
  if (!errors.empty()) return Settings{};
  return settings;
}

}  // namespace

std::string normalize_rule_selector(std::string_view selector) {
  std::string out(selector);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out == "ALL" ? std::string("LW") : out;
}

bool is_valid_rule_selector(std::string_view selector) {
  if (!selector.starts_with("LW")) return false;
  if (!std::all_of(selector.begin() + 2, selector.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  analysis::RuleSet probe = analysis::RuleSet::none();
  return probe.select(selector);
}

ParsedSettings parse_settings(std::string_view toml_text, std::string_view display_path,
                              ConfigFileKind kind) {
  ParsedSettings result;
  toml::table root;
  try {
    root = toml::parse(toml_text, display_path);
  } catch (const toml::parse_error& e) {
    const toml::source_region& where = e.source();
    result.errors.push_back(ConfigError{std::string(display_path), where.begin.line,
                                        where.begin.column,
                                        "invalid TOML: " + std::string(e.description())});
    return result;
  }
  if (kind == ConfigFileKind::LoopwardenToml)
    return validate_settings_table(root, display_path, "");
  const toml::node* section = root.at_path("tool.loopwarden").node();
  if (section == nullptr) {
    result.has_section = false;
    return result;
  }
  const toml::table* table = section->as_table();
  if (table == nullptr) {
    Validator(display_path, result.errors).table(*section, "tool.loopwarden");
    return result;
  }
  result = validate_settings_table(*table, display_path, "tool.loopwarden");
  // Without `target-version`, the oldest Python `[project] requires-python` allows (ruff).
  if (result.errors.empty() && !result.settings.target_version) {
    if (const auto* requires_python = root.at_path("project.requires-python").as_string()) {
      result.settings.target_version = requires_python_minimum(requires_python->get());
      result.settings.target_from_requires_python = result.settings.target_version.has_value();
    }
  }
  return result;
}

std::optional<int> parse_target_version(std::string_view name) {
  if (!name.starts_with("py3") || name.size() < 4 || name.size() > 5) return std::nullopt;
  int minor = 0;
  for (char c : name.substr(3)) {
    if (c < '0' || c > '9') return std::nullopt;
    minor = minor * 10 + (c - '0');
  }
  if (name.size() == 5 && name[3] == '0') return std::nullopt;  // py307
  if (minor < kOldestTargetMinor || minor > kNewestTargetMinor) return std::nullopt;
  return minor;
}

std::optional<int> requires_python_minimum(std::string_view specifiers) {
  std::optional<int> lowest;
  while (!specifiers.empty()) {
    std::size_t comma = specifiers.find(',');
    std::string_view spec = specifiers.substr(0, comma);
    specifiers = comma == std::string_view::npos ? "" : specifiers.substr(comma + 1);
    while (!spec.empty() && spec.front() == ' ') spec.remove_prefix(1);
    // `>=3.9`, `~=3.9`, `==3.11.*`, `>3.8` (then 3.8's later patch releases: still 3.8).
    std::size_t op = 0;
    while (op < spec.size() &&
           std::string_view("<>=!~ ").find(spec[op]) != std::string_view::npos) {
      ++op;
    }
    std::string_view oper = spec.substr(0, op);
    while (!oper.empty() && oper.back() == ' ') oper.remove_suffix(1);
    if (oper != ">=" && oper != "~=" && oper != "==" && oper != ">") continue;
    std::string_view version = spec.substr(op);
    if (!version.starts_with("3.")) continue;
    int minor = 0;
    std::size_t i = 2;
    for (; i < version.size() && version[i] >= '0' && version[i] <= '9'; ++i) {
      minor = minor * 10 + (version[i] - '0');
    }
    if (i == 2) continue;
    minor = std::clamp(minor, kOldestTargetMinor, kNewestTargetMinor);
    if (!lowest || minor > *lowest) lowest = minor;  // every clause holds: the highest bound
  }
  return lowest;
}

ParsedSettings validate_settings_table(const toml::table& table, std::string_view display_path,
                                       std::string_view section) {
  ParsedSettings result;
  Validator validator(display_path, result.errors);
  result.settings = read_settings(table, section, validator, result.errors);
  for (const auto& [key, value] : table) result.keys.emplace_back(key.str());
  return result;
}

void apply_overrides(Settings& base, const ParsedSettings& overrides) {
  const Settings& o = overrides.settings;
  // `exclude` replaces the configured globs (with `extend-exclude`'s, both in `o.exclude`);
  // `extend-exclude` alone adds to them.
  const bool replaces_exclude =
      std::find(overrides.keys.begin(), overrides.keys.end(), "exclude") != overrides.keys.end();
  for (const std::string& key : overrides.keys) {
    if (key == "select") base.select = o.select;
    if (key == "extend-select") base.extend_select = o.extend_select;
    if (key == "ignore" || key == "extend-ignore") base.ignore = o.ignore;
    if (key == "extend-blocking-calls") base.extend_blocking_calls = o.extend_blocking_calls;
    if (key == "extend-async-functions") base.extend_async_functions = o.extend_async_functions;
    if (key == "exclude") base.exclude = o.exclude;
    if (key == "extend-exclude" && !replaces_exclude) {
      base.exclude.insert(base.exclude.end(), o.exclude.begin(), o.exclude.end());
    }
    if (key == "include") base.include = o.include;
    if (key == "extend-include") append(base.extend_include, o.extend_include);
    if (key == "severity") base.severity = o.severity;
    if (key == "per-file-ignores") base.per_file_ignores = o.per_file_ignores;
    if (key == "output-format") base.output_format = o.output_format;
    if (key == "fix") base.fix = o.fix;
    if (key == "unsafe-fixes") base.unsafe_fixes = o.unsafe_fixes;
    if (key == "show-fixes") base.show_fixes = o.show_fixes;
    if (key == "fail-level") base.fail_level = o.fail_level;
    if (key == "cache-dir") base.cache_dir = o.cache_dir;
    if (key == "python") base.python = o.python;
    if (key == "extra-paths") base.extra_paths = o.extra_paths;
    if (key == "exclude-libraries") base.exclude_libraries = o.exclude_libraries;
    if (key == "library-depth") base.library_depth = o.library_depth;
    if (key == "force-exclude") base.force_exclude = o.force_exclude;
    if (key == "fixable") base.fixable = o.fixable;
    if (key == "extend-fixable") base.extend_fixable = o.extend_fixable;
    if (key == "unfixable") base.unfixable = o.unfixable;
    if (key == "respect-gitignore") base.respect_gitignore = o.respect_gitignore;
    if (key == "target-version") {
      base.target_version = o.target_version;
      base.target_from_requires_python = false;
    }
  }
}

}  // namespace lw::server::config

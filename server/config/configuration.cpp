#include "server/config/configuration.h"

#include <algorithm>
#include <utility>

#include "server/config/path_utils.h"

namespace lw::server::config {
namespace {

struct Step {
  std::string_view selector;
  bool enable;
};

bool less_specific(const Step& a, const Step& b) {
  if (a.selector.size() != b.selector.size()) return a.selector.size() < b.selector.size();
  return a.enable && !b.enable;  // at equal specificity ignore wins: apply it last
}

}  // namespace

void apply_rule_selection(analysis::RuleSet& rules, const RuleSelection& layer) {
  std::vector<Step> steps;
  if (layer.select) {
    rules = analysis::RuleSet::none();
    for (const std::string& s : *layer.select) steps.push_back({s, true});
  }
  for (const std::string& s : layer.extend_select) steps.push_back({s, true});
  for (const std::string& s : layer.ignore) steps.push_back({s, false});
  std::stable_sort(steps.begin(), steps.end(), less_specific);
  for (const Step& step : steps) {
    if (step.enable) {
      rules.select(step.selector);
    } else {
      rules.ignore(step.selector);
    }
  }
}

bool matches_relative(const Glob& glob, std::string_view relative) {
  if (relative.empty()) return false;
  if (glob.matches(relative)) return true;
  if (glob.pattern().find('/') != std::string::npos) return false;
  const std::size_t slash = relative.rfind('/');
  return slash != std::string_view::npos && glob.matches(relative.substr(slash + 1));
}

Configuration::Configuration(std::filesystem::path file, Settings settings,
                             std::vector<ConfigError> errors)
    : file_(std::move(file)),
      root_(file_.parent_path()),
      settings_(std::move(settings)),
      errors_(std::move(errors)) {}

bool Configuration::is_excluded(const std::filesystem::path& path) const {
  if (settings_.exclude.empty()) return false;
  const std::string rel = relative_below(path, root_);
  return std::any_of(settings_.exclude.begin(), settings_.exclude.end(),
                     [&](const Glob& g) { return matches_relative(g, rel); });
}

bool Configuration::is_included(const std::filesystem::path& path) const {
  std::string rel = relative_below(path, root_);
  if (rel.empty()) rel = path.filename().generic_string();
  const auto matches = [&](const std::vector<Glob>& globs) {
    return std::any_of(globs.begin(), globs.end(),
                       [&](const Glob& g) { return matches_relative(g, rel); });
  };
  if (settings_.include) {
    if (matches(*settings_.include)) return true;
  } else if (path.extension() == ".py" || path.extension() == ".ipynb") {
    return true;
  }
  return matches(settings_.extend_include);
}

void apply_settings_layer(analysis::AnalysisOptions& options, const Settings& settings,
                          const std::filesystem::path& path, const std::filesystem::path& root,
                          const RuleSelection* overrides) {
  apply_rule_selection(options.rules,
                       RuleSelection{settings.select, settings.ignore, settings.extend_select});
  if (overrides != nullptr) apply_rule_selection(options.rules, *overrides);

  if (!settings.per_file_ignores.empty()) {
    const std::string rel = relative_below(path, root);
    for (const PerFileIgnore& entry : settings.per_file_ignores) {
      if (!matches_relative(entry.pattern, rel)) continue;
      for (const std::string& selector : entry.selectors) options.rules.ignore(selector);
    }
  }

  // Prefixes first, exact codes last: the most specific override wins.
  std::vector<const SeverityOverride*> overrides_by_specificity;
  for (const SeverityOverride& o : settings.severity) overrides_by_specificity.push_back(&o);
  std::stable_sort(overrides_by_specificity.begin(), overrides_by_specificity.end(),
                   [](const SeverityOverride* a, const SeverityOverride* b) {
                     return a->selector.size() < b->selector.size();
                   });
  for (const SeverityOverride* o : overrides_by_specificity) {
    for (const analysis::RuleInfo& rule : analysis::all_rules()) {
      if (rule.code.starts_with(o->selector)) {
        options.severity_overrides[static_cast<std::size_t>(rule.id)] = o->severity;
      }
    }
  }

  const auto append_new = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const std::string& name : from) {
      if (std::find(to.begin(), to.end(), name) == to.end()) to.push_back(name);
    }
  };
  append_new(options.extend_blocking_calls, settings.extend_blocking_calls);
  append_new(options.extend_async_functions, settings.extend_async_functions);
  if (settings.library_depth) options.library_depth = *settings.library_depth;
  if (settings.target_version) options.target_minor = settings.target_version;
}

analysis::AnalysisOptions Configuration::options_for(const std::filesystem::path& path,
                                                     const RuleSelection* overrides) const {
  analysis::AnalysisOptions options;
  options.rules = analysis::RuleSet::defaults();
  apply_settings_layer(options, settings_, path, root_, overrides);
  options.notebook = path.extension() == ".ipynb";
  return options;
}

}  // namespace lw::server::config

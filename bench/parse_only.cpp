// lw_parse_only: tree-sitter's own limit for a set of files, the baseline every `check`
// figure in bench/ is compared with.
//
//   lw_parse_only [--repeat N] [--walk] PATH...
//
// Finds the files exactly as `loopwarden check` does (server/cli/file_discovery.h: the same
// excludes, .gitignore and configuration), reads and decodes them all first
// (server/cli/source_text.h: files `check` rejects are skipped here too), then times only
// `ts_parser_parse_string` over every file with one parser on one thread, the same tree-sitter
// runtime and grammar objects `loopwarden` links. With --walk it also times a cursor walk over
// every node (what any analysis costs at least). Prints one JSON object on stdout: files,
// lines, bytes, the best (minimum) and median wall-clock seconds over the repetitions and the
// best CPU seconds.
#include <time.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "analysis/syntax/python.h"
#include "server/cli/file_discovery.h"
#include "server/cli/source_text.h"
#include "server/config/config_loader.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of this (single-threaded) process: comparable with `check`'s CPU time when the
// machine is busy and wall-clock time mostly measures waiting for a core.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::uint64_t walk(TSTree* tree) {
  std::uint64_t nodes = 0;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  for (;;) {
    ++nodes;
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return nodes;
      }
    }
  }
}

struct Stats {
  double best = 0;
  double median = 0;
};

Stats summarize(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return Stats{samples.front(), samples[samples.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  bool with_walk = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--walk") {
      with_walk = true;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: lw_parse_only [--repeat N] [--walk] PATH...\n");
    return 2;
  }

  lw::server::config::ConfigLoader loader;
  const lw::server::cli::Discovery discovery = lw::server::cli::discover_files(paths, loader);
  std::vector<std::string> texts;
  std::uint64_t bytes = 0;
  std::uint64_t lines = 0;
  for (const auto& file : discovery.files) {
    lw::server::cli::SourceText source = lw::server::cli::read_source(file.path);
    if (!source.ok()) continue;
    bytes += source.text.size();
    lines += static_cast<std::uint64_t>(std::count(source.text.begin(), source.text.end(), '\n'));
    texts.push_back(std::move(source.text));
  }

  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, lw::analysis::syntax::python_language());
  std::vector<double> parse_samples;
  std::vector<double> parse_cpu_samples;
  std::vector<double> walk_samples;
  std::uint64_t nodes = 0;
  for (int r = 0; r < repeat; ++r) {
    std::vector<TSTree*> trees;
    trees.reserve(texts.size());
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    for (const std::string& text : texts) {
      trees.push_back(ts_parser_parse_string(parser, nullptr, text.data(),
                                             static_cast<std::uint32_t>(text.size())));
    }
    parse_samples.push_back(seconds_since(start));
    parse_cpu_samples.push_back(cpu_seconds() - cpu_start);
    if (with_walk) {
      const auto walk_start = Clock::now();
      nodes = 0;
      for (TSTree* tree : trees) nodes += walk(tree);
      walk_samples.push_back(seconds_since(walk_start));
    }
    for (TSTree* tree : trees) ts_tree_delete(tree);
  }
  ts_parser_delete(parser);

  const Stats parse = summarize(parse_samples);
  std::printf("{\"files\": %zu, \"lines\": %llu, \"bytes\": %llu, \"repeat\": %d, ", texts.size(),
              static_cast<unsigned long long>(lines), static_cast<unsigned long long>(bytes),
              repeat);
  std::printf("\"parse_seconds\": %.6f, \"parse_seconds_median\": %.6f", parse.best, parse.median);
  std::printf(", \"parse_cpu_seconds\": %.6f", summarize(parse_cpu_samples).best);
  if (with_walk) {
    const Stats w = summarize(walk_samples);
    std::printf(", \"walk_seconds\": %.6f, \"walk_seconds_median\": %.6f, \"nodes\": %llu", w.best,
                w.median, static_cast<unsigned long long>(nodes));
  }
  std::printf("}\n");
  return 0;
}

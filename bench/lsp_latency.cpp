// lw_lsp_latency: the language server as an editor sees it, over pipes.
//
//   lw_lsp_latency --server BINARY --document FILE [--edits 500] [--seed 1]
//                  [--open-dir DIR] [--open-count 100] [--workspace DIR]
//
// 1. initialize (no positionEncodings offered: UTF-16, what VS Code uses), initialized;
//    With --workspace: DIR is the workspace folder and the client accepts work-done
//    progress: the time from `initialized` to the end of the server's indexing progress, and
//    the server's VmRSS then (the index of that workspace, nothing open);
// 2. didOpen of FILE: the time from the write of didOpen to its publishDiagnostics;
// 3. EDITS single-character incremental didChange notifications, typing and deleting one
//    letter after an identifier character on a random line (deterministic for a seed), each
//    timed from the write to the publishDiagnostics carrying that version; one edit at a time,
//    so nothing is superseded;
// 4. with --open-dir: opens OPEN-COUNT more files (the *.py files below DIR, sorted, evenly
//    spaced), waits for all their diagnostics and reads the server's VmRSS/VmHWM.
// Prints one JSON object on stdout. Times are milliseconds.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench/lsp_pipe_client.h"

namespace {

using lw::bench::Clock;
using lw::bench::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string::size_type start = 0;
  for (;;) {
    auto nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::string uri_of(const fs::path& path) { return "file://" + fs::absolute(path).string(); }

json did_open(const std::string& uri, const std::string& text) {
  return json{
      {"textDocument", {{"uri", uri}, {"languageId", "python"}, {"version", 1}, {"text", text}}}};
}

struct Args {
  std::string server;
  std::string document;
  int edits = 500;
  unsigned seed = 1;
  std::string open_dir;
  int open_count = 100;
  std::string workspace;
};

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const std::string v = argv[i + 1];
    if (k == "--server") a.server = v;
    if (k == "--document") a.document = v;
    if (k == "--edits") a.edits = std::stoi(v);
    if (k == "--seed") a.seed = static_cast<unsigned>(std::stoul(v));
    if (k == "--open-dir") a.open_dir = v;
    if (k == "--open-count") a.open_count = std::stoi(v);
    if (k == "--workspace") a.workspace = v;
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  if (args.server.empty() || args.document.empty()) {
    std::fprintf(stderr, "usage: lw_lsp_latency --server BINARY --document FILE [...]\n");
    return 2;
  }
  // Debounce 0: each edit is timed to its own diagnostics, not to the end of a typing burst.
  lw::bench::LspPipeClient client(args.server, {"server", "--debounce-ms", "0"});
  json initialize{{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}};
  if (!args.workspace.empty()) {
    const std::string root = uri_of(args.workspace);
    initialize["rootUri"] = root;
    initialize["workspaceFolders"] = json::array({{{"uri", root}, {"name", "workspace"}}});
    initialize["capabilities"] = json{{"window", {{"workDoneProgress", true}}}};
  }
  const int init = client.request("initialize", initialize);
  if (!client.wait_for([&](const json& m) { return m.value("id", -1) == init; }, 30s)) {
    std::fprintf(stderr, "no initialize response\n");
    return 1;
  }
  const auto initialized_sent = client.notify("initialized", json::object());
  json workspace_figures;
  if (!args.workspace.empty()) {
    const auto create = client.wait_for(
        [](const json& m) { return m.value("method", "") == "window/workDoneProgress/create"; },
        30s);
    if (!create) {
      std::fprintf(stderr, "the server did not create an indexing progress\n");
      return 1;
    }
    client.send(json{{"jsonrpc", "2.0"}, {"id", create->message["id"]}, {"result", nullptr}});
    const auto end = client.wait_for(
        [](const json& m) {
          return m.value("method", "") == "$/progress" && m["params"]["value"]["kind"] == "end";
        },
        600s);
    if (!end) {
      std::fprintf(stderr, "indexing did not end\n");
      return 1;
    }
    const auto mem = lw::bench::process_memory(client.pid());
    workspace_figures = json{{"index_ms", ms(end->at - initialized_sent)},
                             {"message", end->message["params"]["value"].value("message", "")},
                             {"rss_kib", mem.rss_kib},
                             {"peak_kib", mem.peak_kib}};
  }

  const std::string text = read_file(args.document);
  std::vector<std::string> lines = split_lines(text);
  const std::string uri = uri_of(args.document);
  const auto open_sent = client.notify("textDocument/didOpen", did_open(uri, text));
  const auto opened = client.wait_diagnostics(uri, 1, 60s);
  if (!opened) {
    std::fprintf(stderr, "no diagnostics after didOpen\n");
    return 1;
  }
  const double open_ms = ms(opened->at - open_sent);
  const std::size_t open_diagnostics = opened->message["params"]["diagnostics"].size();

  std::mt19937 rng(args.seed);
  std::vector<double> latencies;
  int version = 1;
  std::size_t line = 0;
  std::size_t column = 0;
  for (int e = 0; e < args.edits; ++e) {
    json change;
    if (e % 2 == 0) {  // type a letter right after an identifier character of a random line
      for (;;) {
        line = rng() % lines.size();
        std::vector<std::size_t> spots;
        for (std::size_t c = 0; c < lines[line].size(); ++c) {
          if (ident_char(lines[line][c])) spots.push_back(c + 1);
        }
        if (spots.empty()) continue;
        column = spots[rng() % spots.size()];
        break;
      }
      lines[line].insert(column, "x");
      change = json{{"range",
                     {{"start", {{"line", line}, {"character", column}}},
                      {"end", {{"line", line}, {"character", column}}}}},
                    {"text", "x"}};
    } else {  // and delete it again
      lines[line].erase(column, 1);
      change = json{{"range",
                     {{"start", {{"line", line}, {"character", column}}},
                      {"end", {{"line", line}, {"character", column + 1}}}}},
                    {"text", ""}};
    }
    ++version;
    const auto sent = client.notify("textDocument/didChange",
                                    json{{"textDocument", {{"uri", uri}, {"version", version}}},
                                         {"contentChanges", json::array({change})}});
    const auto got = client.wait_diagnostics(uri, version, 30s);
    if (!got) {
      std::fprintf(stderr, "no diagnostics for version %d\n", version);
      return 1;
    }
    latencies.push_back(ms(got->at - sent));
  }

  json out{{"document_lines", lines.size()},
           {"document_bytes", text.size()},
           {"open_ms", open_ms},
           {"open_diagnostics", open_diagnostics},
           {"edits", latencies.size()}};
  if (!workspace_figures.is_null()) out["workspace"] = workspace_figures;
  if (!latencies.empty()) {
    double sum = 0;
    for (double l : latencies) sum += l;
    out["edit_ms"] = json{{"p50", percentile(latencies, 0.50)},
                          {"p95", percentile(latencies, 0.95)},
                          {"p99", percentile(latencies, 0.99)},
                          {"max", percentile(latencies, 1.0)},
                          {"mean", sum / static_cast<double>(latencies.size())}};
  }

  if (!args.open_dir.empty()) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(args.open_dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".py") {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    std::vector<fs::path> chosen;
    const std::size_t want =
        std::min<std::size_t>(static_cast<std::size_t>(args.open_count), files.size());
    for (std::size_t i = 0; i < want; ++i) chosen.push_back(files[i * files.size() / want]);
    std::size_t opened_lines = 0;
    for (const auto& path : chosen) {
      const std::string body = read_file(path);
      opened_lines += static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
      client.notify("textDocument/didOpen", did_open(uri_of(path), body));
    }
    for (const auto& path : chosen) client.wait_diagnostics(uri_of(path), 1, 60s);
    const auto mem = lw::bench::process_memory(client.pid());
    out["memory"] = json{{"documents_open", chosen.size() + 1},
                         {"documents_lines", opened_lines + lines.size()},
                         {"rss_kib", mem.rss_kib},
                         {"peak_kib", mem.peak_kib}};
  }

  const int shutdown = client.request("shutdown", nullptr);
  client.wait_for([&](const json& m) { return m.value("id", -1) == shutdown; }, 10s);
  client.notify("exit", nullptr);
  client.finish(5000ms);
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

// End-to-end tests of the language features beyond push diagnostics, against the real
// `loopwarden server` binary over pipes: pull diagnostics, hover, configuration (files and
// editor settings), cancellation, tracing, position encodings, version ordering, and the
// workspace index (cross-file LW109 kept fresh from open documents and watched files, with
// indexing progress).
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "protocol/uri.h"
#include "tests/server/cli_test_support.h"
#include "tests/server/lsp_client.h"

namespace lw::test {
namespace {

using server::testing::ScratchDir;

constexpr const char* kSleepSource = "import time\n\nasync def handler():\n    time.sleep(1)\n";

json full_text(const std::string& text) { return json::array({{{"text", text}}}); }

// `root`, a folder path, is sent as the workspace folder; null initialization options are
// left out.
json initialize(LspProcess& server, json capabilities = json::object(),
                json initialization_options = nullptr, const std::string& root = "") {
  json params{{"processId", nullptr},
              {"clientInfo", {{"name", "lsp_features_e2e_test"}}},
              {"capabilities", std::move(capabilities)}};
  if (!initialization_options.is_null()) {
    params["initializationOptions"] = std::move(initialization_options);
  }
  if (!root.empty()) {
    params["rootUri"] = protocol::path_to_uri(root);
    params["workspaceFolders"] =
        json::array({{{"uri", protocol::path_to_uri(root)}, {"name", "root"}}});
  }
  const int id = server.request("initialize", params);
  auto response = server.wait_response(id);
  if (!response) throw std::runtime_error("no initialize response; log:\n" + server.log());
  server.notify("initialized", json::object());
  return *response;
}

std::vector<std::string> codes(const json& diagnostics) {
  std::vector<std::string> out;
  for (const json& d : diagnostics) out.push_back(d.value("code", ""));
  return out;
}

bool has_code(const json& diagnostics, const std::string& code) {
  for (const json& d : diagnostics) {
    if (d.value("code", "") == code) return true;
  }
  return false;
}

// The next publishDiagnostics for `uri` whose diagnostics satisfy `match`.
std::optional<json> wait_published(LspProcess& server, const std::string& uri,
                                   const std::function<bool(const json&)>& match) {
  return server.wait_for([&](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" &&
           m["params"].value("uri", "") == uri && match(m["params"]["diagnostics"]);
  });
}

// A request from the server (it has both "id" and "method").
std::optional<json> wait_server_request(LspProcess& server, const std::string& method) {
  return server.wait_for(
      [&](const json& m) { return m.contains("id") && m.value("method", "") == method; });
}

void respond(LspProcess& server, const json& request, json result) {
  server.send({{"jsonrpc", "2.0"}, {"id", request["id"]}, {"result", std::move(result)}});
}

// Forgets every message received so far (so that later waits see only newer ones).
void drain(LspProcess& server) {
  while (server.wait_for([](const json&) { return true; }, std::chrono::milliseconds{0})) {
  }
}

bool no_publish_in_inbox(LspProcess& server) {
  for (const json& m : server.inbox()) {
    if (m.value("method", "") == "textDocument/publishDiagnostics") return false;
  }
  return true;
}

TEST(LspFeatures, PullDiagnosticsWithResultIds) {
  LspProcess server;
  const json init = initialize(server, {{"textDocument", {{"diagnostic", json::object()}}}});
  ASSERT_TRUE(init["result"]["capabilities"].contains("diagnosticProvider")) << init.dump();
  const std::string uri = "file:///tmp/lw_pull/app.py";
  server.notify("textDocument/didOpen", did_open(uri, 1, kSleepSource));

  const json params{{"textDocument", {{"uri", uri}}}};
  auto first = server.wait_response(server.request("textDocument/diagnostic", params));
  ASSERT_TRUE(first) << server.log();
  const json& report = (*first)["result"];
  EXPECT_EQ(report["kind"], "full");
  EXPECT_EQ(codes(report["items"]), std::vector<std::string>{"LW102"});
  const std::string result_id = report["resultId"];

  json again = params;
  again["previousResultId"] = result_id;
  auto second = server.wait_response(server.request("textDocument/diagnostic", again));
  ASSERT_TRUE(second);
  EXPECT_EQ((*second)["result"], json({{"kind", "unchanged"}, {"resultId", result_id}}));

  server.notify("textDocument/didChange",
                did_change(uri, 2,
                           full_text("import asyncio\n\nasync def handler():\n"
                                     "    await asyncio.sleep(1)\n")));
  auto third = server.wait_response(server.request("textDocument/diagnostic", again));
  ASSERT_TRUE(third);
  EXPECT_EQ((*third)["result"]["kind"], "full");
  EXPECT_TRUE((*third)["result"]["items"].empty());

  auto workspace = server.wait_response(
      server.request("workspace/diagnostic", {{"previousResultIds", json::array()}}));
  ASSERT_TRUE(workspace);
  ASSERT_EQ((*workspace)["result"]["items"].size(), 1U) << workspace->dump();
  EXPECT_EQ((*workspace)["result"]["items"][0]["uri"], uri);
  EXPECT_EQ((*workspace)["result"]["items"][0]["version"], 2);

  EXPECT_TRUE(no_publish_in_inbox(server)) << "a pull client gets no pushed diagnostics";
}

TEST(LspFeatures, AWaitingPullIsCancelled) {
  // A long debounce keeps the analysis of version 2 from starting: the pull waits for it.
  LspProcess server({"server", "--log-level", "debug", "--debounce-ms", "10000"});
  initialize(server, {{"textDocument", {{"diagnostic", json::object()}}}});
  const std::string uri = "file:///tmp/lw_cancel/app.py";
  server.notify("textDocument/didOpen", did_open(uri, 1, kSleepSource));
  ASSERT_TRUE(server.wait_response(
      server.request("textDocument/diagnostic", {{"textDocument", {{"uri", uri}}}})));
  server.notify("textDocument/didChange", did_change(uri, 2, full_text("x = 1\n")));
  const int id = server.request("textDocument/diagnostic", {{"textDocument", {{"uri", uri}}}});
  EXPECT_FALSE(server.wait_response(id, std::chrono::milliseconds{300})) << "must wait";
  server.notify("$/cancelRequest", {{"id", id}});
  auto cancelled = server.wait_response(id);
  ASSERT_TRUE(cancelled) << server.log();
  EXPECT_EQ((*cancelled)["error"]["code"], -32800) << cancelled->dump();
}

TEST(LspFeatures, HoverExplainsTheRuleOnADiagnosticAndOnASuppressionCode) {
  LspProcess server;
  initialize(server);
  const std::string uri = "file:///tmp/lw_hover/app.py";
  const std::string text =
      "import time\n\nasync def handler():\n    time.sleep(1)\n"
      "    x = 1  # noqa: LW101, ASYNC230\n";
  server.notify("textDocument/didOpen", did_open(uri, 1, text));
  ASSERT_TRUE(server.wait_diagnostics(uri, 1));

  auto on_diagnostic = server.wait_response(server.request(
      "textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", position(3, 8)}}));
  ASSERT_TRUE(on_diagnostic);
  const json& hover = (*on_diagnostic)["result"];
  EXPECT_EQ(hover["contents"]["kind"], "markdown");
  const std::string markdown = hover["contents"]["value"];
  EXPECT_NE(markdown.find("**LW102** `blocking-sleep`"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("asyncio.sleep"), std::string::npos) << markdown;
  EXPECT_EQ(hover["range"]["start"], position(3, 4));

  auto on_code = server.wait_response(server.request(
      "textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", position(4, 22)}}));
  ASSERT_TRUE(on_code);
  const std::string code_markdown = (*on_code)["result"]["contents"]["value"];
  EXPECT_NE(code_markdown.find("**LW101**"), std::string::npos) << code_markdown;
  EXPECT_EQ((*on_code)["result"]["range"], range(4, 19, 4, 24));

  auto on_peer = server.wait_response(server.request(
      "textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", position(4, 29)}}));
  ASSERT_TRUE(on_peer);
  const std::string peer_markdown = (*on_peer)["result"]["contents"]["value"];
  EXPECT_NE(peer_markdown.find("**LW103**"), std::string::npos) << peer_markdown;

  auto elsewhere = server.wait_response(server.request(
      "textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", position(0, 2)}}));
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE((*elsewhere)["result"].is_null());
}

TEST(LspFeatures, EditorSettingsApplyOverTheDefaultsAndBadOnesAreShown) {
  LspProcess server;
  initialize(server, json::object(), {{"ignore", {"LW102"}}});
  const std::string uri = "file:///tmp/lw_settings/app.py";
  server.notify("textDocument/didOpen", did_open(uri, 1, kSleepSource));
  auto first = server.wait_diagnostics(uri, 1);
  ASSERT_TRUE(first);
  EXPECT_FALSE(has_code((*first)["params"]["diagnostics"], "LW102")) << first->dump();

  server.notify("workspace/didChangeConfiguration",
                {{"settings", {{"loopwarden", {{"severity", {{"LW102", "error"}}}}}}}});
  auto second = wait_published(server, uri, [](const json& d) { return has_code(d, "LW102"); });
  ASSERT_TRUE(second) << server.log();
  EXPECT_EQ((*second)["params"]["diagnostics"][0]["severity"], 1);
  drain(server);

  server.notify("workspace/didChangeConfiguration",
                {{"settings", {{"loopwarden", {{"select", {"LW999"}}}}}}});
  auto shown =
      server.wait_for([](const json& m) { return m.value("method", "") == "window/showMessage"; });
  ASSERT_TRUE(shown) << server.log();
  EXPECT_EQ((*shown)["params"]["type"], 1);
  EXPECT_NE((*shown)["params"]["message"].get<std::string>().find("LW999"), std::string::npos);
}

TEST(LspFeatures, SettingsArePulledWithWorkspaceConfiguration) {
  LspProcess server;
  initialize(server, {{"workspace", {{"configuration", true}}}});
  auto request = wait_server_request(server, "workspace/configuration");
  ASSERT_TRUE(request) << server.log();
  EXPECT_EQ((*request)["params"]["items"][0]["section"], "loopwarden");
  const std::string uri = "file:///tmp/lw_pull_settings/app.py";
  server.notify("textDocument/didOpen", did_open(uri, 1, kSleepSource));
  ASSERT_TRUE(wait_published(server, uri, [](const json& d) { return has_code(d, "LW102"); }));
  drain(server);
  respond(server, *request, json::array({{{"ignore", {"LW1", "LW208"}}, {"path", "/opt/lw"}}}));
  ASSERT_TRUE(wait_published(server, uri, [](const json& d) { return d.empty(); })) << server.log();
}

TEST(LspFeatures, TheConfigurationFileOfTheDocumentApplies) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "ignore = [\"LW102\"]\n");
  const auto file = dir.write("app.py", std::string(kSleepSource) + "    open('x')\n");
  LspProcess server;
  initialize(server);
  const std::string uri = protocol::path_to_uri(file.string());
  server.notify("textDocument/didOpen", did_open(uri, 1, server::testing::read_text(file)));
  auto published = server.wait_diagnostics(uri, 1);
  ASSERT_TRUE(published);
  EXPECT_EQ(codes((*published)["params"]["diagnostics"]), std::vector<std::string>{"LW103"});
}

TEST(LspFeatures, TraceMessagesAfterSetTrace) {
  LspProcess server;
  initialize(server);
  server.notify("$/setTrace", {{"value", "verbose"}});
  const std::string uri = "file:///tmp/lw_trace/app.py";
  server.notify("textDocument/didOpen", did_open(uri, 1, kSleepSource));
  auto trace = server.wait_for([](const json& m) { return m.value("method", "") == "$/logTrace"; });
  ASSERT_TRUE(trace) << server.log();
  EXPECT_NE((*trace)["params"]["message"].get<std::string>().find(uri), std::string::npos);
  EXPECT_TRUE((*trace)["params"].contains("verbose"));
}

TEST(LspFeatures, Utf32PositionsWhenOnlyUtf32IsOffered) {
  LspProcess server;
  const json init = initialize(server, {{"general", {{"positionEncodings", {"utf-32"}}}}});
  EXPECT_EQ(init["result"]["capabilities"]["positionEncoding"], "utf-32");
  const std::string uri = "file:///tmp/lw_utf32/app.py";
  // "😀" is one code point (two UTF-16 units, four bytes): `time` starts at code point 13.
  server.notify(
      "textDocument/didOpen",
      did_open(uri, 1, "import time\n\nasync def handler():\n    s = '😀'; time.sleep(1)\n"));
  auto published = server.wait_diagnostics(uri, 1);
  ASSERT_TRUE(published);
  ASSERT_EQ((*published)["params"]["diagnostics"].size(), 1U);
  EXPECT_EQ((*published)["params"]["diagnostics"][0]["range"]["start"], position(3, 13));
}

TEST(LspFeatures, OnlyTheNewestVersionIsPublishedInOrder) {
  LspProcess server({"server", "--log-level", "info", "--debounce-ms", "0"});
  initialize(server);
  const std::string uri = "file:///tmp/lw_versions/app.py";
  server.notify("textDocument/didOpen", did_open(uri, 1, kSleepSource));
  constexpr int kLast = 40;
  for (int v = 2; v <= kLast; ++v) {
    const std::string text = std::string(kSleepSource) + "x = " + std::to_string(v) + "\n";
    server.notify("textDocument/didChange", did_change(uri, v, full_text(text)));
  }
  ASSERT_TRUE(server.wait_diagnostics(uri, kLast)) << server.log();
  int previous = 0;
  // Everything published before the last version came in increasing version order (taken
  // out of the inbox in arrival order by wait_diagnostics above? no: check what remains).
  for (const json& m : server.inbox()) {
    if (m.value("method", "") != "textDocument/publishDiagnostics") continue;
    const int version = m["params"]["version"];
    EXPECT_GT(version, previous);
    previous = version;
  }
  EXPECT_LT(previous, kLast);
}

// The workspace of the cross-file tests: `service.handler` calls `helpers.load`, which blocks
// through `read_settings`.
struct CrossFileWorkspace {
  ScratchDir dir;
  std::filesystem::path service = dir.write(
      "service.py", "from helpers import load\n\nasync def handler():\n    return load()\n");
  std::filesystem::path helpers = dir.write(
      "helpers.py",
      "def read_settings():\n    with open('settings.toml') as f:\n        return f.read()\n\n"
      "def load():\n    return read_settings()\n");
  std::string service_uri = protocol::path_to_uri(service.string());
  std::string helpers_uri = protocol::path_to_uri(helpers.string());
};

constexpr const char* kHelpersNoLongerBlocking =
    "def read_settings():\n    return {}\n\ndef load():\n    return read_settings()\n";

// The server indexes the workspace in parallel lanes (lsp_workspace.cpp): with 400 modules
// every summary arrives, in discovery order, whichever lane made it. A chain through three
// modules indexed by different lanes is followed, and the modules that only look alike are
// told apart.
TEST(LspFeatures, ParallelIndexingKeepsEveryModule) {
  ScratchDir dir;
  for (int i = 0; i < 400; ++i) {
    const std::string n = std::to_string(i);
    dir.write("pkg/m" + n + ".py", i % 2 == 0
                                       ? "import time\n\ndef work():\n    time.sleep(" + n + ")\n"
                                       : "def work():\n    return " + n + "\n");
  }
  dir.write("pkg/__init__.py", "");
  dir.write("pkg/chain.py", "from pkg.m398 import work\n\ndef step():\n    return work()\n");
  const auto routes = dir.write("routes.py",
                                "from pkg.chain import step\nfrom pkg import m397, m0\n\n"
                                "async def slow():\n    return step()\n\n"
                                "async def fine():\n    return m397.work()\n\n"
                                "async def first():\n    return m0.work()\n");
  const std::string uri = protocol::path_to_uri(routes.string());
  LspProcess server;
  initialize(server, json::object(), nullptr, dir.path().string());
  server.notify("textDocument/didOpen", did_open(uri, 1, server::testing::read_text(routes)));
  auto both = wait_published(server, uri, [](const json& d) {
    int lw109 = 0;
    for (const json& x : d) lw109 += x.value("code", "") == "LW109" ? 1 : 0;
    return lw109 == 2;
  });
  ASSERT_TRUE(both) << server.log();
  std::set<int> lines;
  for (const json& d : (*both)["params"]["diagnostics"]) {
    if (d.value("code", "") == "LW109") lines.insert(d["range"]["start"]["line"].get<int>());
  }
  EXPECT_EQ(lines, (std::set<int>{4, 10})) << "step() and m0.work(), not m397.work()";
  EXPECT_NE(server.log().find("indexed 403 files"), std::string::npos) << server.log();
}

TEST(LspFeatures, TransitiveBlockingFollowsAnEditedOpenHelper) {
  CrossFileWorkspace ws;
  LspProcess server;
  initialize(server, json::object(), nullptr, ws.dir.path().string());
  server.notify("textDocument/didOpen",
                did_open(ws.service_uri, 1, server::testing::read_text(ws.service)));
  auto blocked =
      wait_published(server, ws.service_uri, [](const json& d) { return has_code(d, "LW109"); });
  ASSERT_TRUE(blocked) << server.log();
  const json& diagnostic = (*blocked)["params"]["diagnostics"][0];
  ASSERT_TRUE(diagnostic.contains("relatedInformation")) << diagnostic.dump();
  EXPECT_EQ(diagnostic["relatedInformation"].back()["location"]["uri"], ws.helpers_uri);
  drain(server);

  server.notify("textDocument/didOpen",
                did_open(ws.helpers_uri, 1, server::testing::read_text(ws.helpers)));
  server.notify("textDocument/didChange",
                did_change(ws.helpers_uri, 2, full_text(kHelpersNoLongerBlocking)));
  auto fixed =
      wait_published(server, ws.service_uri, [](const json& d) { return !has_code(d, "LW109"); });
  ASSERT_TRUE(fixed) << server.log();
  EXPECT_EQ((*fixed)["params"]["version"], 1) << "service.py itself was not edited";
}

// request.state.db typed by what middleware.py assigns (issue #16): an unsaved edit of the
// middleware changes the diagnostics of an open routes.py that imports nothing from it.
TEST(LspFeatures, FrameworkStateFollowsAnEditedOpenMiddleware) {
  ScratchDir dir;
  const auto routes = dir.write("routes.py",
                                "from fastapi import Request\n\n"
                                "async def commit(request: Request):\n"
                                "    request.state.db.commit()\n");
  const auto middleware = dir.write("middleware.py",
                                    "from sqlalchemy.orm import Session\n\n"
                                    "async def db_session(request, call_next):\n"
                                    "    request.state.db = Session()\n"
                                    "    return await call_next(request)\n");
  const std::string routes_uri = protocol::path_to_uri(routes.string());
  const std::string middleware_uri = protocol::path_to_uri(middleware.string());
  LspProcess server;
  initialize(server, json::object(), nullptr, dir.path().string());
  server.notify("textDocument/didOpen",
                did_open(routes_uri, 1, server::testing::read_text(routes)));
  auto blocked =
      wait_published(server, routes_uri, [](const json& d) { return has_code(d, "LW105"); });
  ASSERT_TRUE(blocked) << server.log();
  const json& diagnostic = (*blocked)["params"]["diagnostics"][0];
  ASSERT_TRUE(diagnostic.contains("relatedInformation")) << diagnostic.dump();
  EXPECT_EQ(diagnostic["relatedInformation"].back()["location"]["uri"], middleware_uri)
      << "the finding explains where request.state.db gets its type";
  drain(server);

  server.notify("textDocument/didOpen",
                did_open(middleware_uri, 1, server::testing::read_text(middleware)));
  server.notify("textDocument/didChange",
                did_change(middleware_uri, 2,
                           full_text("from sqlalchemy.ext.asyncio import AsyncSession\n\n"
                                     "async def db_session(request, call_next):\n"
                                     "    request.state.db = AsyncSession()\n"
                                     "    return await call_next(request)\n")));
  auto now_async =
      wait_published(server, routes_uri, [](const json& d) { return !has_code(d, "LW105"); });
  ASSERT_TRUE(now_async) << server.log();
  EXPECT_EQ((*now_async)["params"]["version"], 1) << "routes.py itself was not edited";
}

// Hover on a receiver says what loopwarden believes it is and why (issue #16): the type, the
// methods that block, and the assignment in another module it was typed from; on a diagnostic
// the rule comes first, then the value; a value of no known type has no hover.
TEST(LspFeatures, HoverOnAReceiverSaysWhatItIsAndWhereItWasTyped) {
  ScratchDir dir;
  const auto routes = dir.write("routes.py",
                                "from fastapi import Request\n\n"
                                "async def commit(request: Request):\n"
                                "    db = request.state.db\n"
                                "    request.state.db.commit()\n"
                                "    count = 1\n"
                                "    return db, count\n");
  dir.write("middleware.py",
            "from sqlalchemy.orm import Session\n\n"
            "async def db_session(request, call_next):\n"
            "    request.state.db = Session()\n"
            "    return await call_next(request)\n");
  const std::string routes_uri = protocol::path_to_uri(routes.string());
  const std::string middleware_uri = protocol::path_to_uri((dir.path() / "middleware.py").string());
  LspProcess server;
  initialize(server, json::object(), nullptr, dir.path().string());
  server.notify("textDocument/didOpen",
                did_open(routes_uri, 1, server::testing::read_text(routes)));
  ASSERT_TRUE(wait_published(server, routes_uri, [](const json& d) {
    return has_code(d, "LW105");
  })) << server.log();
  const auto hover = [&](int line, int character) {
    auto response = server.wait_response(server.request(
        "textDocument/hover",
        {{"textDocument", {{"uri", routes_uri}}}, {"position", position(line, character)}}));
    return response ? (*response)["result"] : json("no response");
  };

  const json state = hover(3, 24);  // the `db` of `request.state.db`
  ASSERT_TRUE(state.is_object()) << state.dump() << server.log();
  const std::string markdown = state["contents"]["value"];
  EXPECT_NE(markdown.find("`request.state.db` is a `sqlalchemy.orm.Session`"), std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("`commit`"), std::string::npos) << "its blocking methods: " << markdown;
  EXPECT_NE(markdown.find("[middleware.py:4](" + middleware_uri + "#L4)"), std::string::npos)
      << "where it was typed: " << markdown;
  EXPECT_EQ(state["range"], range(3, 9, 3, 25));

  const json local = hover(6, 12);  // `db` in `return db, count`: typed here, no link
  ASSERT_TRUE(local.is_object()) << local.dump();
  const std::string local_md = local["contents"]["value"];
  EXPECT_NE(local_md.find("`db` is a `sqlalchemy.orm.Session`"), std::string::npos) << local_md;
  EXPECT_EQ(local_md.find("Typed from"), std::string::npos) << local_md;

  const json on_finding = hover(4, 19);  // inside the LW105 finding's range
  ASSERT_TRUE(on_finding.is_object()) << on_finding.dump();
  const std::string finding_md = on_finding["contents"]["value"];
  const std::size_t rule = finding_md.find("**LW105**");
  const std::size_t value = finding_md.find("`request.state.db` is a");
  EXPECT_NE(rule, std::string::npos) << finding_md;
  EXPECT_NE(value, std::string::npos) << finding_md;
  EXPECT_LT(rule, value) << finding_md;
  EXPECT_EQ(on_finding["range"]["start"], position(4, 4)) << "the finding's range";

  EXPECT_TRUE(hover(5, 5).is_null()) << "`count` has no type loopwarden knows";
  EXPECT_TRUE(hover(1, 0).is_null()) << "an empty line";
}

TEST(LspFeatures, TransitiveBlockingFollowsAWatchedFileWithProgressAndRegistration) {
  CrossFileWorkspace ws;
  LspProcess server;
  initialize(server,
             {{"window", {{"workDoneProgress", true}}},
              {"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}},
             nullptr, ws.dir.path().string());
  auto registration = wait_server_request(server, "client/registerCapability");
  ASSERT_TRUE(registration) << server.log();
  EXPECT_EQ((*registration)["params"]["registrations"][0]["method"],
            "workspace/didChangeWatchedFiles");
  respond(server, *registration, nullptr);
  auto create = wait_server_request(server, "window/workDoneProgress/create");
  ASSERT_TRUE(create) << server.log();
  const json token = (*create)["params"]["token"];
  respond(server, *create, nullptr);
  const auto progress_kind = [&](const std::string& kind) {
    return server.wait_for([&](const json& m) {
      return m.value("method", "") == "$/progress" && m["params"]["token"] == token &&
             m["params"]["value"]["kind"] == kind;
    });
  };
  ASSERT_TRUE(progress_kind("begin")) << server.log();
  ASSERT_TRUE(progress_kind("end")) << server.log();

  server.notify("textDocument/didOpen",
                did_open(ws.service_uri, 1, server::testing::read_text(ws.service)));
  ASSERT_TRUE(wait_published(server, ws.service_uri, [](const json& d) {
    return has_code(d, "LW109");
  })) << server.log();
  drain(server);

  ws.dir.write("helpers.py", kHelpersNoLongerBlocking);
  server.notify("workspace/didChangeWatchedFiles",
                {{"changes", json::array({{{"uri", ws.helpers_uri}, {"type", 2}}})}});
  ASSERT_TRUE(wait_published(server, ws.service_uri, [](const json& d) {
    return !has_code(d, "LW109");
  })) << server.log();
  drain(server);

  std::filesystem::remove(ws.helpers);
  ws.dir.write("helpers.py", "import time\n\ndef load():\n    time.sleep(1)\n");
  server.notify("workspace/didChangeWatchedFiles",
                {{"changes", json::array({{{"uri", ws.helpers_uri}, {"type", 2}}})}});
  ASSERT_TRUE(wait_published(server, ws.service_uri, [](const json& d) {
    return has_code(d, "LW109");
  })) << server.log();
}

TEST(LspFeatures, AnAddedWorkspaceFolderIsIndexed) {
  CrossFileWorkspace ws;
  LspProcess server;
  initialize(server);
  server.notify("textDocument/didOpen",
                did_open(ws.service_uri, 1, server::testing::read_text(ws.service)));
  auto alone = server.wait_diagnostics(ws.service_uri, 1);
  ASSERT_TRUE(alone);
  EXPECT_FALSE(has_code((*alone)["params"]["diagnostics"], "LW109")) << "helpers.py is unknown";
  server.notify(
      "workspace/didChangeWorkspaceFolders",
      {{"event",
        {{"added",
          json::array({{{"uri", protocol::path_to_uri(ws.dir.path().string())}, {"name", "ws"}}})},
         {"removed", json::array()}}}});
  ASSERT_TRUE(wait_published(server, ws.service_uri, [](const json& d) {
    return has_code(d, "LW109");
  })) << server.log();
  drain(server);
  server.notify("workspace/didChangeWorkspaceFolders",
                {{"event",
                  {{"added", json::array()},
                   {"removed", json::array({{{"uri", protocol::path_to_uri(ws.dir.path().string())},
                                             {"name", "ws"}}})}}}});
  ASSERT_TRUE(wait_published(server, ws.service_uri, [](const json& d) {
    return !has_code(d, "LW109");
  })) << server.log();
}

TEST(LspFeatures, AnUnrelatedChangeDoesNotReanalyseOtherDocuments) {
  CrossFileWorkspace ws;
  const auto other = ws.dir.write("other.py", "def util():\n    return 1\n");
  LspProcess server;
  initialize(server, json::object(), nullptr, ws.dir.path().string());
  const std::string other_uri = protocol::path_to_uri(other.string());
  server.notify("textDocument/didOpen",
                did_open(ws.service_uri, 1, server::testing::read_text(ws.service)));
  server.notify("textDocument/didOpen", did_open(other_uri, 1, server::testing::read_text(other)));
  ASSERT_TRUE(
      wait_published(server, ws.service_uri, [](const json& d) { return has_code(d, "LW109"); }));
  ASSERT_TRUE(server.wait_diagnostics(other_uri, 1));
  // Let every re-analysis of the start (index built, documents opened) settle.
  server.wait_for([](const json&) { return false; }, std::chrono::milliseconds{500});
  drain(server);

  server.notify("textDocument/didChange",
                did_change(other_uri, 2,
                           full_text("def util():\n    return 2\n\ndef more():\n"
                                     "    return 3\n")));
  ASSERT_TRUE(server.wait_diagnostics(other_uri, 2));
  server.wait_for([](const json&) { return false; }, std::chrono::milliseconds{500});
  for (const json& m : server.inbox()) {
    EXPECT_FALSE(m.value("method", "") == "textDocument/publishDiagnostics" &&
                 m["params"]["uri"] == ws.service_uri)
        << "service.py does not depend on other.py: " << m.dump();
  }
}

// Installed libraries in the editor (issue #23): a `.venv` at the workspace root is found in
// the background, the library modules an open document looks up are summarised with
// $/progress, and the document is analysed again: LW109 through the library's private helper,
// LW201 on its un-awaited coroutine method. The first publish does not wait for it.
TEST(LspFeatures, InstalledLibrariesAreReadInTheBackground) {
  ScratchDir dir;
  const std::string site = ".venv/lib/python3.11/site-packages/";
  dir.write(".venv/pyvenv.cfg", "home = /usr/bin\ninclude-system-site-packages = false\n");
  dir.write(site + "paysdk-2.0.1.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: PaySDK\nVersion: 2.0.1\n");
  dir.write(site + "paysdk-2.0.1.dist-info/RECORD", "paysdk/__init__.py,,\npaysdk/client.py,,\n");
  dir.write(site + "paysdk/__init__.py", "from paysdk.client import Client\n");
  dir.write(site + "paysdk/client.py",
            "import requests\n\n\n"
            "class Client:\n"
            "    def charge(self, amount):\n"
            "        return self._post('/charges', amount)\n\n"
            "    def _post(self, path, body):\n"
            "        return requests.post('https://pay.invalid' + path, json=body)\n\n"
            "    async def refund(self, charge_id):\n"
            "        return charge_id\n");
  const auto routes = dir.write("app/routes.py",
                                "from paysdk import Client\n\n"
                                "client = Client()\n\n\n"
                                "async def pay(amount):\n"
                                "    return client.charge(amount)\n\n\n"
                                "async def refund(charge_id):\n"
                                "    client.refund(charge_id)\n");
  const std::string uri = protocol::path_to_uri(routes.string());
  const char* saved = std::getenv("LOOPWARDEN_PYTHON");
  const std::string saved_value = saved != nullptr ? saved : "";
  ::unsetenv("LOOPWARDEN_PYTHON");  // the suite turns environments off; this test needs one
  LspProcess server;
  if (saved != nullptr) ::setenv("LOOPWARDEN_PYTHON", saved_value.c_str(), 1);
  initialize(server, {{"window", {{"workDoneProgress", true}}}}, nullptr, dir.path().string());
  server.notify("textDocument/didOpen", did_open(uri, 1, server::testing::read_text(routes)));
  // Answer every progress request (indexing, then one per round of library reads: the
  // package, then the module its __init__ re-exports from) until both findings are published.
  bool library_progress_ended = false;
  std::set<std::string> library_tokens;
  auto both = server.wait_for([&](const json& m) {
    const std::string method = m.value("method", "");
    if (m.contains("id") && method == "window/workDoneProgress/create") {
      const std::string token = m["params"]["token"].get<std::string>();
      if (token.find("libraries") != std::string::npos) library_tokens.insert(token);
      respond(server, m, nullptr);
      return false;
    }
    if (method == "$/progress" && m["params"]["value"].value("kind", "") == "end" &&
        library_tokens.count(m["params"]["token"].get<std::string>()) != 0) {
      library_progress_ended = true;
    }
    return method == "textDocument/publishDiagnostics" && m["params"].value("uri", "") == uri &&
           has_code(m["params"]["diagnostics"], "LW109") &&
           has_code(m["params"]["diagnostics"], "LW201");
  });
  EXPECT_TRUE(library_progress_ended) << server.log();
  EXPECT_GE(library_tokens.size(), 2U) << server.log();
  ASSERT_TRUE(both) << server.log();
  for (const json& d : (*both)["params"]["diagnostics"]) {
    if (d.value("code", "") != "LW109") continue;
    EXPECT_NE(d["message"].get<std::string>().find("library paysdk 2.0.1"), std::string::npos)
        << d.dump();
    ASSERT_TRUE(d.contains("relatedInformation")) << d.dump();
    EXPECT_NE(d["relatedInformation"].back()["location"]["uri"].get<std::string>().find(
                  "site-packages/paysdk/client.py"),
              std::string::npos)
        << d.dump();
  }

  // `pip install paysdk==2.1.0` while the editor runs: the new version's `charge` no longer
  // blocks. The watched METADATA files tell the server (registered as a watcher glob); the
  // installed .py file's event does not make it a module of the workspace.
  drain(server);
  const auto old_info = dir.path() / (site + "paysdk-2.0.1.dist-info");
  const auto new_info = dir.path() / (site + "paysdk-2.1.0.dist-info");
  std::filesystem::rename(old_info, new_info);
  dir.write(site + "paysdk-2.1.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: PaySDK\nVersion: 2.1.0\n");
  const auto client = dir.write(site + "paysdk/client.py",
                                "class Client:\n"
                                "    def charge(self, amount):\n"
                                "        return amount\n\n"
                                "    async def refund(self, charge_id):\n"
                                "        return charge_id\n");
  server.notify(
      "workspace/didChangeWatchedFiles",
      {{"changes",
        json::array(
            {{{"uri", protocol::path_to_uri((old_info / "METADATA").string())}, {"type", 3}},
             {{"uri", protocol::path_to_uri((new_info / "METADATA").string())}, {"type", 1}},
             {{"uri", protocol::path_to_uri(client.string())}, {"type", 2}}})}});
  auto upgraded = server.wait_for([&](const json& m) {
    if (m.contains("id") && m.value("method", "") == "window/workDoneProgress/create") {
      respond(server, m, nullptr);
      return false;
    }
    return m.value("method", "") == "textDocument/publishDiagnostics" &&
           m["params"].value("uri", "") == uri && !has_code(m["params"]["diagnostics"], "LW109") &&
           has_code(m["params"]["diagnostics"], "LW201");
  });
  ASSERT_TRUE(upgraded) << server.log();
  for (const json& d : (*upgraded)["params"]["diagnostics"]) {
    if (d.value("code", "") != "LW201") continue;
    EXPECT_NE(d["message"].get<std::string>().find("paysdk 2.1.0"), std::string::npos)
        << "the new version: " << d.dump();
  }
  EXPECT_NE(server.log().find("an installed distribution changed"), std::string::npos);
}

// An environment outside the workspace (a VIRTUAL_ENV elsewhere, poetry's cache): the
// workspace's `**/*.dist-info/METADATA` watcher cannot see it, so the server registers an
// LSP 3.17 RelativePattern on its site-packages when the client supports them, and a
// `pip install` there reaches the editor. A client without relativePatternSupport gets no such
// registration (and a log line saying so).
TEST(LspFeatures, AnEnvironmentOutsideTheWorkspaceIsWatchedWithARelativePattern) {
  ScratchDir env;
  ScratchDir project;
  const std::string site = "lib/python3.11/site-packages/";
  env.write("pyvenv.cfg", "home = /usr/bin\ninclude-system-site-packages = false\n");
  const auto routes = project.write("app/routes.py",
                                    "import paysdk\n\n\n"
                                    "async def pay(amount):\n"
                                    "    return paysdk.charge(amount)\n");
  const std::string uri = protocol::path_to_uri(routes.string());
  const std::string site_packages = (env.path() / site).lexically_normal().string();
  const std::string site_uri =
      protocol::path_to_uri(site_packages.substr(0, site_packages.size() - 1));

  for (const bool relative_patterns : {true, false}) {
    SCOPED_TRACE(relative_patterns ? "relativePatternSupport" : "no relativePatternSupport");
    std::filesystem::remove_all(env.path() / "lib");  // paysdk 2.0.1, whose charge() blocks
    env.write(site + "paysdk-2.0.1.dist-info/METADATA",
              "Metadata-Version: 2.1\nName: PaySDK\nVersion: 2.0.1\n");
    env.write(site + "paysdk/__init__.py",
              "import time\n\n\ndef charge(amount):\n    time.sleep(1)\n    return amount\n");
    const char* saved = std::getenv("LOOPWARDEN_PYTHON");
    const std::string saved_value = saved != nullptr ? saved : "";
    ::setenv("LOOPWARDEN_PYTHON", env.path().c_str(), 1);
    LspProcess server;
    if (saved != nullptr) {
      ::setenv("LOOPWARDEN_PYTHON", saved_value.c_str(), 1);
    } else {
      ::unsetenv("LOOPWARDEN_PYTHON");
    }
    json watched{{"dynamicRegistration", true}};
    if (relative_patterns) watched["relativePatternSupport"] = true;
    initialize(server, {{"workspace", {{"didChangeWatchedFiles", watched}}}}, nullptr,
               project.path().string());
    server.notify("textDocument/didOpen", did_open(uri, 1, server::testing::read_text(routes)));
    std::optional<json> environment_watchers;
    auto blocking = server.wait_for([&](const json& m) {
      if (m.contains("id") && m.value("method", "") == "client/registerCapability") {
        for (const json& r : m["params"]["registrations"]) {
          if (r["id"].get<std::string>().starts_with("loopwarden/environment-files")) {
            environment_watchers = r;
          }
        }
        respond(server, m, nullptr);
        return false;
      }
      return m.value("method", "") == "textDocument/publishDiagnostics" &&
             m["params"].value("uri", "") == uri && has_code(m["params"]["diagnostics"], "LW109");
    });
    ASSERT_TRUE(blocking) << server.log();
    if (!relative_patterns) {
      EXPECT_FALSE(environment_watchers) << environment_watchers->dump();
      EXPECT_NE(server.log().find("no relativePatternSupport"), std::string::npos) << server.log();
      continue;
    }
    ASSERT_TRUE(environment_watchers) << server.log();
    EXPECT_EQ((*environment_watchers)["method"], "workspace/didChangeWatchedFiles");
    const json& watchers = (*environment_watchers)["registerOptions"]["watchers"];
    ASSERT_EQ(watchers.size(), 1U) << watchers.dump();
    EXPECT_EQ(watchers[0]["globPattern"]["baseUri"], site_uri) << watchers.dump();
    EXPECT_EQ(watchers[0]["globPattern"]["pattern"], "*.dist-info/METADATA");

    // `pip install paysdk==2.1.0` into that environment: the client reports the METADATA
    // files its RelativePattern matches; the new version no longer blocks.
    drain(server);
    const auto old_info = env.path() / (site + "paysdk-2.0.1.dist-info");
    const auto new_info = env.path() / (site + "paysdk-2.1.0.dist-info");
    std::filesystem::rename(old_info, new_info);
    env.write(site + "paysdk-2.1.0.dist-info/METADATA",
              "Metadata-Version: 2.1\nName: PaySDK\nVersion: 2.1.0\n");
    env.write(site + "paysdk/__init__.py", "def charge(amount):\n    return amount\n");
    server.notify(
        "workspace/didChangeWatchedFiles",
        {{"changes",
          json::array(
              {{{"uri", protocol::path_to_uri((old_info / "METADATA").string())}, {"type", 3}},
               {{"uri", protocol::path_to_uri((new_info / "METADATA").string())}, {"type", 1}}})}});
    int registrations_after = 0;
    auto fixed = server.wait_for([&](const json& m) {
      if (m.contains("id") && (m.value("method", "") == "client/registerCapability" ||
                               m.value("method", "") == "client/unregisterCapability")) {
        ++registrations_after;
        respond(server, m, nullptr);
        return false;
      }
      return m.value("method", "") == "textDocument/publishDiagnostics" &&
             m["params"].value("uri", "") == uri && !has_code(m["params"]["diagnostics"], "LW109");
    });
    ASSERT_TRUE(fixed) << server.log();
    EXPECT_NE(server.log().find("an installed distribution changed"), std::string::npos);
    EXPECT_EQ(registrations_after, 0) << "the same folders: the registration stays";
  }
}

}  // namespace
}  // namespace lw::test

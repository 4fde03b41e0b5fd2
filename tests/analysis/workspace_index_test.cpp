// Cross-file analysis: module summaries in a WorkspaceIndex, LW109 chains across modules.
#include "analysis/index/workspace_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/engine.h"
#include "analysis/index/summary.h"

using namespace lw::analysis;

namespace {

struct Module {
  std::string name;
  std::string path;
  std::string text;
  bool is_package = false;
};

class Workspace {
 public:
  explicit Workspace(std::vector<Module> modules) : modules_(std::move(modules)) {
    for (const auto& m : modules_) {
      Document doc(m.text);
      index_.update(summarize(doc, AnalysisOptions{}, {m.name, m.path, m.is_package}));
    }
  }

  std::vector<Diagnostic> check(const std::string& path) const {
    for (const auto& m : modules_) {
      if (m.path != path) continue;
      Document doc(m.text);
      FileContext file{{m.name, m.path, m.is_package}, &index_};
      return analyze(doc, AnalysisOptions{}, file);
    }
    ADD_FAILURE() << "no module " << path;
    return {};
  }

  std::vector<std::string> messages(const std::string& path, RuleId rule) const {
    std::vector<std::string> out;
    for (const auto& d : check(path)) {
      if (d.rule == rule) out.push_back(d.message);
    }
    return out;
  }

  const index::WorkspaceIndex& index() const { return index_; }

 private:
  std::vector<Module> modules_;
  index::WorkspaceIndex index_;
};

const char* kHelpers = R"(import json
import time


def read_settings(path):
    with open(path) as f:
        return json.load(f)


def load_config():
    return read_settings("settings.json")


def slow_retry(fn):
    time.sleep(0.5)
    return fn()


def pure_math(a, b):
    return a * b + 1
)";

TEST(WorkspaceIndex, ChainAcrossModulesNamesEveryHop) {
  Workspace ws({
      {"pkg", "pkg/__init__.py", "", true},
      {"pkg.helpers", "pkg/helpers.py", kHelpers},
      {"pkg.service", "pkg/service.py",
       "from pkg.helpers import load_config, pure_math\n"
       "from pkg import helpers\n"
       "async def settings():\n"
       "    a = load_config()\n"
       "    b = helpers.slow_retry(lambda: 1)\n"
       "    return a, b, pure_math(1, 2)\n"},
  });
  auto diags = ws.check("pkg/service.py");
  std::vector<const Diagnostic*> lw109;
  for (const auto& d : diags) {
    if (d.rule == RuleId::LW109) lw109.push_back(&d);
  }
  ASSERT_EQ(lw109.size(), 2u);
  EXPECT_NE(lw109[0]->message.find("load_config() -> read_settings() -> open()"), std::string::npos)
      << lw109[0]->message;
  ASSERT_EQ(lw109[0]->related.size(), 2u);
  EXPECT_EQ(lw109[0]->related[0].path, "pkg/helpers.py");
  EXPECT_EQ(lw109[0]->related[1].path, "pkg/helpers.py");
  EXPECT_NE(lw109[1]->message.find("slow_retry() -> time.sleep()"), std::string::npos)
      << lw109[1]->message;
}

TEST(WorkspaceIndex, RelativeImportsAndReexports) {
  Workspace ws({
      {"app", "app/__init__.py", "from .util.files import load_config\n", true},
      {"app.util", "app/util/__init__.py", "", true},
      {"app.util.files", "app/util/files.py", kHelpers},
      {"app.api.routes", "app/api/routes.py",
       "from ..util.files import read_settings\n"
       "from app import load_config\n"
       "from .. import load_config as lc\n"
       "async def a():\n"
       "    read_settings('x')\n"
       "    load_config()\n"
       "    lc()\n"},
  });
  EXPECT_EQ(ws.messages("app/api/routes.py", RuleId::LW109).size(), 3u);
}

TEST(WorkspaceIndex, ThreeLevelChainAcrossThreeModules) {
  Workspace ws({
      {"a", "a.py", "import time\ndef low():\n    time.sleep(1)\n"},
      {"b", "b.py", "from a import low\ndef mid():\n    return low()\n"},
      {"c", "c.py", "import b\ndef high():\n    return b.mid()\n"},
      {"d", "d.py", "from c import high\nasync def handler():\n    high()\n"},
  });
  auto msgs = ws.messages("d.py", RuleId::LW109);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_NE(msgs[0].find("high() -> mid() -> low() -> time.sleep()"), std::string::npos) << msgs[0];
}

TEST(WorkspaceIndex, LocalDefinitionShadowsTheImportedHelper) {
  Workspace ws({
      {"helpers", "helpers.py", kHelpers},
      {"svc", "svc.py",
       "from helpers import load_config\n"
       "def load_config():\n"
       "    return {}\n"
       "async def handler():\n"
       "    return load_config()\n"},
  });
  EXPECT_TRUE(ws.messages("svc.py", RuleId::LW109).empty());
}

TEST(WorkspaceIndex, AsyncHelpersAndCyclesAreNotFollowed) {
  Workspace ws({
      {"m", "m.py",
       "import time\n"
       "from n import ping\n"
       "async def fetch():\n"
       "    time.sleep(1)\n"
       "def wrapper():\n"
       "    return fetch()\n"
       "async def handler():\n"
       "    wrapper()\n"
       "    ping(3)\n"},
      {"n", "n.py",
       "from m import wrapper\ndef ping(n):\n    return pong(n)\ndef pong(n):\n    return "
       "ping(n)\n"},
  });
  EXPECT_TRUE(ws.messages("m.py", RuleId::LW109).empty());
}

TEST(WorkspaceIndex, MethodsThroughSelfAcrossTheClass) {
  Workspace ws({
      {"repo", "repo.py",
       "class Repo:\n"
       "    def _read(self):\n"
       "        return open('x').read()\n"
       "    def load(self):\n"
       "        return self._read()\n"
       "    async def get(self):\n"
       "        return self.load()\n"},
  });
  auto msgs = ws.messages("repo.py", RuleId::LW109);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_NE(msgs[0].find("Repo.load() -> _read() -> file.read()"), std::string::npos) << msgs[0];
}

TEST(WorkspaceIndex, UnresolvableImportsAreThirdParty) {
  Workspace ws({
      {"svc", "svc.py", "from somelib import load\nasync def h():\n    load()\n"},
  });
  EXPECT_TRUE(ws.messages("svc.py", RuleId::LW109).empty());
  EXPECT_EQ(ws.index().module_count(), 1u);
}

TEST(WorkspaceIndex, UpdateReplacesAModuleSummary) {
  index::WorkspaceIndex idx;
  Document blocking("import time\ndef f():\n    time.sleep(1)\n");
  idx.update(summarize(blocking, {}, {"h", "h.py", false}));
  Document user("from h import f\nasync def g():\n    f()\n");
  FileContext file{{"u", "u.py", false}, &idx};
  EXPECT_EQ(analyze(user, {}, file).size(), 1u);
  Document fixed("def f():\n    return 1\n");
  idx.update(summarize(fixed, {}, {"h", "h.py", false}));
  for (const auto& d : analyze(user, {}, file)) {
    EXPECT_NE(d.rule, RuleId::LW109) << d.message;  // (LW208 now says `g` need not be async)
  }
  idx.remove_path("h.py");
  EXPECT_EQ(idx.module("h"), nullptr);
}

TEST(WorkspaceIndex, TwoFilesWithOneModuleNameAreAmbiguous) {
  index::WorkspaceIndex idx;
  Document blocking("import time\ndef f():\n    time.sleep(1)\n");
  Document harmless("def f():\n    return 1\n");
  idx.update(summarize(blocking, {}, {"tool", "a/tool.py", false}));
  idx.update(summarize(harmless, {}, {"tool", "b/tool.py", false}));
  EXPECT_EQ(idx.module("tool"), nullptr);
  Document user("from tool import f\nasync def g():\n    f()\n");
  FileContext file{{"u", "u.py", false}, &idx};
  EXPECT_TRUE(analyze(user, {}, file).empty());
  idx.remove_path("b/tool.py");
  EXPECT_NE(idx.module("tool"), nullptr);
  EXPECT_EQ(analyze(user, {}, file).size(), 1u);
}

}  // namespace

namespace lw::analysis::index {
namespace {

ModuleSummary module_with_import(std::string module, std::string imported) {
  ModuleSummary m;
  m.module = module;
  m.path = "/ws/" + module + ".py";
  m.imports.emplace_back("x", std::move(imported));
  return m;
}

TEST(WorkspaceIndexDependencies, FollowsImportsTransitivelyAndStopsAtCycles) {
  WorkspaceIndex index;
  index.update(module_with_import("a", "b.f"));
  index.update(module_with_import("b", "c.g"));
  index.update(module_with_import("c", "a.h"));  // a cycle back to a
  index.update(module_with_import("d", "os.path.join"));
  const ModuleSummary& a = *index.module("a");
  EXPECT_TRUE(depends_on(index, a, "b"));
  EXPECT_TRUE(depends_on(index, a, "c"));
  EXPECT_FALSE(depends_on(index, a, "d"));
  EXPECT_FALSE(depends_on(index, *index.module("d"), "a"));
}

TEST(WorkspaceIndexDependencies, SameInterfaceIgnoresByteRangesOnly) {
  ModuleSummary a = module_with_import("m", "x.y");
  FunctionSummary f;
  f.qualified = "m.f";
  f.name = "f";
  f.name_range = {10, 11};
  f.calls.push_back({"m.g", {20, 23}, {}, {}});
  a.functions.push_back(f);
  ModuleSummary moved = a;
  moved.functions[0].name_range = {30, 31};
  moved.functions[0].calls[0].range = {40, 43};
  EXPECT_TRUE(same_interface(a, moved));
  EXPECT_FALSE(a == moved);
  ModuleSummary blocking = a;
  blocking.functions[0].blocking = BlockingCall{RuleId{}, "open", {50, 54}};
  EXPECT_FALSE(same_interface(a, blocking));
  ModuleSummary other_call = a;
  other_call.functions[0].calls[0].target = "m.h";
  EXPECT_FALSE(same_interface(a, other_call));
}

}  // namespace
}  // namespace lw::analysis::index

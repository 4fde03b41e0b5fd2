// index/usage.h: what a module's summary records about how functions are used (value uses,
// overrides, callees that never suspend), and how LW208 / LW302 / the language server's
// dependents read it.
#include "analysis/index/usage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/engine.h"
#include "analysis/index/workspace_index.h"

using namespace lw::analysis;

namespace {

index::ModuleSummary summary_of(const std::string& module, const std::string& text) {
  Document doc(text);
  return summarize(doc, AnalysisOptions{}, {module, "/ws/" + module + ".py", false});
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

const char* kDeps = R"(async def get_redis():
    return 1


async def fetch(x):
    await other(x)
    return x


async def stub():
    ...


async def other(x): ...
)";

const char* kMain = R"(from fastapi import Depends, FastAPI
from app import deps
from app.deps import get_redis
from app.base import Handler

app = FastAPI()
app.add_exception_handler(ValueError, deps.fetch)
handlers = [deps.stub]


@app.get("/")
async def index(redis=Depends(get_redis)):
    return await redis.get("x")


class Loud(Handler):
    async def handle(self, event):
        await deps.fetch(event)


def test_double(monkeypatch):
    monkeypatch.setattr(deps, "other", None)
    monkeypatch.setattr("app.deps.fetch", None)
)";

TEST(UsageSummary, RecordsValueUsesOverridesAndPatches) {
  const index::ModuleSummary main = summary_of("app.main", kMain);
  const auto& uses = main.value_uses;
  EXPECT_TRUE(has(uses, "app.deps.get_redis"));       // Depends(get_redis)
  EXPECT_TRUE(has(uses, "app.deps.fetch"));           // add_exception_handler + setattr("...")
  EXPECT_TRUE(has(uses, "app.deps.stub"));            // a list of callables
  EXPECT_TRUE(has(uses, "app.deps.other"));           // monkeypatch.setattr(deps, "other", ...)
  EXPECT_TRUE(has(uses, "app.base.Handler.handle"));  // an override
  EXPECT_TRUE(std::is_sorted(uses.begin(), uses.end()));
  // Called functions are not values.
  EXPECT_FALSE(has(uses, "fastapi.FastAPI"));
}

TEST(UsageSummary, NeverSuspendsOnlyForRealBodiesWithoutAwaitPoints) {
  const index::ModuleSummary deps = summary_of("app.deps", kDeps);
  auto flag = [&](const char* name) {
    const auto* f = deps.find(std::string("app.deps.") + name);
    return f != nullptr && f->never_suspends;
  };
  EXPECT_TRUE(flag("get_redis"));
  EXPECT_FALSE(flag("fetch"));  // awaits
  EXPECT_FALSE(flag("stub"));   // a stub: what an implementation does is unknown
}

TEST(UsageSummary, ValueUsesArePartOfTheInterface) {
  index::ModuleSummary a = summary_of("app.main", kMain);
  index::ModuleSummary b = summary_of("app.main", std::string(kMain) + "\nhooks = [deps.other]\n");
  index::ModuleSummary c = summary_of("app.main", std::string("\n\n") + kMain);
  EXPECT_TRUE(index::same_interface(a, c));
  EXPECT_TRUE(index::same_interface(a, b));  // deps.other was already a value use
  index::ModuleSummary d = summary_of("app.main", std::string(kMain) + "\nhooks = [Handler]\n");
  EXPECT_FALSE(index::same_interface(a, d));
}

TEST(UsageDependents, AModuleDependsOnTheModulesThatImportIt) {
  index::WorkspaceIndex idx;
  idx.update(summary_of("app.deps", kDeps));
  idx.update(summary_of("app.main", kMain));
  idx.update(summary_of("app.other", "import os\n"));
  const index::ModuleSummary& deps = *idx.module("app.deps");
  EXPECT_TRUE(index::depends_on(idx, deps, "app.main"));
  EXPECT_FALSE(index::depends_on(idx, deps, "app.other"));
}

std::vector<std::string> lw208(const index::WorkspaceIndex* idx, const std::string& module,
                               const char* text) {
  Document doc(text);
  FileContext file{{module, "/ws/" + module + ".py", false}, idx};
  std::vector<std::string> out;
  for (const auto& d : analyze(doc, AnalysisOptions{}, file)) {
    if (d.rule == RuleId::LW208) out.push_back(d.message.substr(0, d.message.find(' ')));
  }
  return out;
}

TEST(UsageLw208, ValueUsesInOtherModulesExemptTheFunction) {
  EXPECT_TRUE(has(lw208(nullptr, "app.deps", kDeps), "`get_redis`"));
  index::WorkspaceIndex idx;
  idx.update(summary_of("app.deps", kDeps));
  EXPECT_TRUE(has(lw208(&idx, "app.deps", kDeps), "`get_redis`"));
  idx.update(summary_of("app.main", kMain));
  EXPECT_FALSE(has(lw208(&idx, "app.deps", kDeps), "`get_redis`"));
  // The lookup observer learns that the answer read every module.
  std::vector<std::string> looked_up;
  idx.set_lookup_observer([&](std::string_view m) { looked_up.emplace_back(m); });
  lw208(&idx, "app.deps", kDeps);
  EXPECT_TRUE(has(looked_up, std::string(index::WorkspaceIndex::kEveryModule)));
}

}  // namespace

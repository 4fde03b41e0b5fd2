// The coroutine registry (semantic/coroutines.h), its pluggable sources, and the name-read
// index (semantic/references.h) it and the LW2xx rules rely on.
#include "analysis/semantic/coroutines.h"

#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <map>
#include <string>
#include <vector>

#include "analysis/document.h"
#include "analysis/semantic/framework.h"
#include "analysis/semantic/references.h"
#include "analysis/semantic/types.h"

using namespace lw::analysis;
using namespace lw::analysis::semantic;

namespace {

class FakeSource : public CoroutineSource {
 public:
  explicit FakeSource(std::map<std::string, bool> answers) : answers_(std::move(answers)) {}
  std::optional<bool> is_coroutine_function(std::string_view qualified_name) const override {
    auto it = answers_.find(std::string(qualified_name));
    if (it == answers_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, bool> answers_;
};

// One parsed file with its semantic layers.
struct Analysed {
  explicit Analysed(std::string text, std::vector<std::string> extend = {},
                    std::vector<const CoroutineSource*> sources = {})
      : doc(std::move(text)),
        model(doc.tree(), doc.text()),
        types(model),
        framework(model, types),
        extend_(std::move(extend)),
        sources_(std::move(sources)),
        registry(model, types, framework, extend_, sources_),
        references(model) {}

  // The call sites whose source text starts with `prefix`, in order.
  std::vector<const Site*> calls(std::string_view prefix) const {
    std::vector<const Site*> out;
    for (const auto& site : model.sites()) {
      if (site.kind == syntax::Kind::Call &&
          syntax::text(site.node, doc.text()).starts_with(prefix)) {
        out.push_back(&site);
      }
    }
    return out;
  }

  std::optional<CoroutineTarget> target(std::string_view prefix, std::size_t index = 0) const {
    auto found = calls(prefix);
    EXPECT_GT(found.size(), index) << prefix;
    if (found.size() <= index) return std::nullopt;
    return registry.coroutine_call(found[index]->node, found[index]->context.scope);
  }

  bool unknown(std::string_view prefix) const {
    auto found = calls(prefix);
    EXPECT_FALSE(found.empty()) << prefix;
    return !found.empty() &&
           registry.may_be_unknown_coroutine(found[0]->node, found[0]->context.scope);
  }

  Document doc;
  SemanticModel model;
  TypeResolver types;
  Framework framework;
  std::vector<std::string> extend_;
  std::vector<const CoroutineSource*> sources_;
  CoroutineRegistry registry;
  References references;
};

TEST(CoroutineRegistry, LocalFunctionsMethodsAndGenerators) {
  Analysed a(R"(import asyncio

async def fetch():
    await asyncio.sleep(0)

async def agen():
    yield 1

def plain():
    return 1

class Service:
    async def load(self):
        await asyncio.sleep(0)

    def run(self):
        self.load()
        plain()
        agen()
        fetch()
        Service().load()
)");
  auto load = a.target("self.load");
  ASSERT_TRUE(load.has_value());
  EXPECT_EQ(load->name, "self.load");
  EXPECT_FALSE(ts_node_is_null(load->definition));
  EXPECT_TRUE(a.target("fetch").has_value());
  EXPECT_EQ(a.target("Service().load")->name, "Service().load");
  EXPECT_FALSE(a.target("plain").has_value());
  EXPECT_FALSE(a.target("agen").has_value());  // an async generator function
}

TEST(CoroutineRegistry, KnownApisByNameAndReceiverType) {
  Analysed a(R"(import asyncio as aio
from fastapi import UploadFile, Request

async def h(file: UploadFile, request: Request, other):
    aio.sleep(1)
    aio.gather()
    file.read()
    request.json()
    other.read()
)");
  EXPECT_EQ(a.target("aio.sleep")->name, "asyncio.sleep");
  EXPECT_TRUE(a.target("aio.gather")->future);
  EXPECT_EQ(a.target("file.read")->name, "UploadFile.read");
  EXPECT_EQ(a.target("request.json")->name, "Request.json");
  EXPECT_FALSE(a.target("other.read").has_value());
}

TEST(CoroutineRegistry, ConfiguredAndPluggedSources) {
  FakeSource workspace({{"pkg.helpers.fetch_remote", true}, {"pkg.helpers.load", false}});
  Analysed a(R"(from pkg.helpers import fetch_remote, load, other
from sdk import client

async def h():
    fetch_remote()
    load()
    other()
    client.reserve()
)",
             {"sdk.client.reserve"}, {&workspace});
  EXPECT_EQ(a.target("fetch_remote")->name, "pkg.helpers.fetch_remote");
  EXPECT_FALSE(a.target("load").has_value());
  EXPECT_FALSE(a.target("other").has_value());
  EXPECT_TRUE(a.target("client.reserve").has_value());
  // Unknown coroutine-ness: only what neither the tables nor a source can decide.
  EXPECT_FALSE(a.unknown("load"));
  EXPECT_TRUE(a.unknown("other"));
}

TEST(CoroutineRegistry, UnknownDecoratorsHideCoroutineness) {
  Analysed a(R"(import asyncio
import functools
from fastapi import FastAPI

app = FastAPI()

def deco(fn):
    return fn

@deco
async def wrapped():
    await asyncio.sleep(0)

@app.get("/")
async def route():
    await asyncio.sleep(0)

@functools.wraps(route)
async def kept():
    await asyncio.sleep(0)

def caller():
    wrapped()
    route()
    kept()
)");
  EXPECT_FALSE(a.target("wrapped").has_value());
  EXPECT_TRUE(a.target("route").has_value());
  EXPECT_TRUE(a.target("kept").has_value());
}

TEST(CoroutineRegistry, StandardLibraryAndCataloguedModulesAreKnown) {
  Analysed a(R"(import json
import requests
from .local import helper

async def h():
    json.dumps({})
    requests.get("u")
    helper()
    len([])
)");
  EXPECT_FALSE(a.unknown("json.dumps"));
  EXPECT_FALSE(a.unknown("requests.get"));
  EXPECT_TRUE(a.unknown("helper"));  // a relative import: the user's own module
  EXPECT_FALSE(a.unknown("len"));
}

TEST(CoroutineRegistry, BodyFacts) {
  Analysed a(R"(async def a(xs):
    return [await x for x in xs]

async def b(xs):
    def inner():
        yield 1
    return inner

async def c(xs):
    async with xs:
        pass
)");
  auto facts = [&](std::string_view name) {
    for (const auto& site : a.model.sites()) {
      if (site.kind != syntax::Kind::FunctionDefinition) continue;
      auto def_name = syntax::text(syntax::field(site.node, syntax::fields().name), a.doc.text());
      if (def_name == name) return a.registry.body_facts(*a.model.scope_of(site.node));
    }
    ADD_FAILURE() << name;
    return BodyFacts{};
  };
  EXPECT_TRUE(facts("a").awaits);
  EXPECT_FALSE(facts("b").yields);  // the nested def's yield is not b's
  EXPECT_TRUE(facts("inner").yields);
  EXPECT_TRUE(facts("c").async_with);
}

TEST(References, ReadsNestedReadsAndDynamicAccess) {
  Analysed a(R"(def f(x):
    value = x
    print(value, value.attr)
    obj.value = 1
    call(value=2)

    def inner(default=value):
        return value

    return [value for _ in x]

def g():
    y = 1
    return locals()
)");
  const auto& module = a.model.scope(kModuleScope);
  ScopeId f = *a.model.scope_of(a.model.binding(module.names.at("f")[0]).value);
  ScopeId g = *a.model.scope_of(a.model.binding(module.names.at("g")[0]).value);
  const auto& ids = a.model.scope(f).names.at("value");
  const auto* reads = a.references.in_function(f).find(ids);
  ASSERT_NE(reads, nullptr);
  // print(value), value.attr, the default of inner (read in f), the comprehension
  EXPECT_EQ(reads->own.size(), 4u);
  EXPECT_TRUE(reads->nested);  // `return value` inside inner
  EXPECT_FALSE(a.references.in_function(f).dynamic);
  EXPECT_TRUE(a.references.in_function(g).dynamic);
  EXPECT_EQ(a.references.everywhere(ids).size(), 5u);
  EXPECT_TRUE(a.references.everywhere_complete());
}

}  // namespace

// analysis/fixes/imports.h: where a new import goes, merging into `from m import ...`,
// reusing bindings, and when no import can be added.
#include "analysis/fixes/imports.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/document.h"
#include "analysis/fixes/apply.h"
#include "analysis/semantic/model.h"

using namespace lw::analysis;

namespace {

struct Parsed {
  explicit Parsed(std::string text) : doc(std::move(text)), model(doc.tree(), doc.text()) {}
  Document doc;
  semantic::SemanticModel model;
};

std::string with_import(const std::string& text, std::string_view statement) {
  Parsed p(text);
  TextEdit e = insert_import_statement(p.model, statement);
  return apply_edits(text, std::vector<TextEdit>{e});
}

std::string with_from_import(const std::string& text, std::string_view module,
                             std::string_view member) {
  Parsed p(text);
  TextEdit e = insert_from_import(p.model, module, member);
  return apply_edits(text, std::vector<TextEdit>{e});
}

TEST(InsertImport, WhereIsortPutsIt) {
  // Sorted into the standard-library block (`import x` lines before `from x import y`).
  EXPECT_EQ(with_import("import os\nimport sys  # why\n\nx = 1\n", "import asyncio"),
            "import asyncio\nimport os\nimport sys  # why\n\nx = 1\n");
  EXPECT_EQ(with_import("import os\nfrom typing import Any\n\nimport requests\n", "import time"),
            "import os\nimport time\nfrom typing import Any\n\nimport requests\n");
  EXPECT_EQ(with_import("import asyncio as aio\nimport os\n", "import asyncio"),
            "import asyncio\nimport asyncio as aio\nimport os\n");
  // Comments right above an import stay with it, except the file's header comments.
  EXPECT_EQ(with_import("# header\nimport os\n# about sys\nimport sys\n", "import re"),
            "# header\nimport os\nimport re\n# about sys\nimport sys\n");
  EXPECT_EQ(with_import("# header\nimport os\n", "import asyncio"),
            "# header\nimport asyncio\nimport os\n");
  // A section of its own, in isort's order of sections.
  EXPECT_EQ(with_import("import requests\n\nfrom . import models\n", "import asyncio"),
            "import asyncio\n\nimport requests\n\nfrom . import models\n");
  EXPECT_EQ(with_import("import os\n\nfrom . import models\n",
                        "from starlette.concurrency import run_in_threadpool"),
            "import os\n\nfrom starlette.concurrency import run_in_threadpool\n\n"
            "from . import models\n");
  EXPECT_EQ(with_import("import os\n\nimport requests\n",
                        "from starlette.concurrency import run_in_threadpool"),
            "import os\n\nimport requests\nfrom starlette.concurrency import run_in_threadpool\n");
}

TEST(InsertImport, AfterTheDocstringAndFutureImports) {
  EXPECT_EQ(with_import("\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nx = 1\n",
                        "import asyncio"),
            "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nimport asyncio\nx = 1\n");
  EXPECT_EQ(with_import("\"\"\"Doc.\"\"\"\n\nx = 1\n", "import asyncio"),
            "\"\"\"Doc.\"\"\"\nimport asyncio\n\nx = 1\n");
}

TEST(InsertImport, AfterTheHeaderCommentsOfAFileWithoutImports) {
  EXPECT_EQ(with_import("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\nx = 1\n", "import a"),
            "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nimport a\n\nx = 1\n");
  // isort's blank lines after the imports: one before code, two before a def or class.
  EXPECT_EQ(with_import("x = 1\n", "import a"), "import a\n\nx = 1\n");
  EXPECT_EQ(with_import("async def f():\n    pass\n", "import a"),
            "import a\n\n\nasync def f():\n    pass\n");
  EXPECT_EQ(with_import("", "import a"), "import a\n");
}

TEST(InsertImport, KeepsLineEndingsAndAMissingFinalNewline) {
  EXPECT_EQ(with_import("import os\r\nx = 1\r\n", "import a"),
            "import os\r\n\r\nimport a\r\nx = 1\r\n");
  EXPECT_EQ(with_import("import os", "import a"), "import os\n\nimport a");
  EXPECT_EQ(with_import("import os", "import re"), "import os\nimport re");
  EXPECT_EQ(with_import("# header", "import a"), "# header\nimport a");
}

TEST(FromImport, JoinsAnExistingStatement) {
  EXPECT_EQ(with_from_import("from a.b import x\n", "a.b", "y"), "from a.b import x, y\n");
  EXPECT_EQ(with_from_import("from a.b import x as z  # c\n", "a.b", "y"),
            "from a.b import x as z, y  # c\n");
  EXPECT_EQ(with_from_import("from a.b import (x, z,)\n", "a.b", "y"),
            "from a.b import (x, y, z,)\n");
  // isort's order of names: CONSTANTS, Classes, the rest, case-insensitively.
  EXPECT_EQ(with_from_import("from m import A, b, d\n", "m", "c"), "from m import A, b, c, d\n");
  EXPECT_EQ(with_from_import("from m import TIMEOUT, b\n", "m", "Queue"),
            "from m import TIMEOUT, Queue, b\n");
}

TEST(FromImport, ParenthesisedOverLinesGetsALineOfItsOwn) {
  EXPECT_EQ(with_from_import("from a.b import (\n    x,\n    z,  # note\n)\n", "a.b", "y"),
            "from a.b import (\n    x,\n    y,\n    z,  # note\n)\n");
  EXPECT_EQ(with_from_import("from a.b import (\n    x,\n    z\n)\n", "a.b", "y"),
            "from a.b import (\n    x,\n    y,\n    z\n)\n");
  EXPECT_EQ(with_from_import("from a.b import (\n    x,\n    y\n)\n", "a.b", "z"),
            "from a.b import (\n    x,\n    y, z\n)\n");
  EXPECT_EQ(with_from_import("from a.b import (\r\n    x,\r\n)\r\n", "a.b", "y"),
            "from a.b import (\r\n    x,\r\n    y,\r\n)\r\n");
}

TEST(FromImport, NeverIntoWildcardRelativeOrNestedImports) {
  EXPECT_EQ(with_from_import("from a.b import *\n", "a.b", "y"),
            "from a.b import *\nfrom a.b import y\n");
  EXPECT_EQ(with_from_import("import os\nif x:\n    from a.b import x\n", "a.b", "y"),
            "import os\n\nfrom a.b import y\nif x:\n    from a.b import x\n");
}

TEST(ImportName, ReusesBindings) {
  Parsed alias("import asyncio as aio\n");
  auto a = import_name(alias.model, semantic::kModuleScope, 100, "asyncio", "to_thread",
                       ImportStyle::Module);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->expression, "aio.to_thread");
  EXPECT_FALSE(a->edit.has_value());

  Parsed member("from asyncio import to_thread as tt\nimport asyncio\n");
  auto m = import_name(member.model, semantic::kModuleScope, 100, "asyncio", "to_thread",
                       ImportStyle::Module);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->expression, "tt");
}

TEST(ImportName, AddsTheImportOrFallsBackToTheMember) {
  Parsed fresh("import os\n");
  auto f = import_name(fresh.model, semantic::kModuleScope, 100, "asyncio", "sleep",
                       ImportStyle::Module);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->expression, "asyncio.sleep");
  ASSERT_TRUE(f->edit.has_value());
  EXPECT_EQ(f->edit->replacement, "import asyncio\n");

  Parsed taken("import os\nasyncio = None\n");
  auto t = import_name(taken.model, semantic::kModuleScope, 100, "asyncio", "sleep",
                       ImportStyle::Module);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->expression, "sleep");
  EXPECT_EQ(t->edit->replacement, "from asyncio import sleep\n");

  Parsed both("asyncio = 1\nsleep = 2\n");
  EXPECT_FALSE(
      import_name(both.model, semantic::kModuleScope, 100, "asyncio", "sleep", ImportStyle::Module)
          .has_value());
}

TEST(ImportName, AFunctionsImportCountsOnlyBeforeTheUse) {
  const std::string text =
      "async def f():\n"
      "    x = 1\n"
      "    import asyncio as aio\n"
      "    return aio\n";
  Parsed p(text);
  semantic::ScopeId function = 1;  // the only function
  ASSERT_EQ(p.model.scope(function).kind, semantic::ScopeKind::Function);
  auto before = bound_name(p.model, function, 20, "asyncio", "sleep");  // at `x = 1`
  EXPECT_FALSE(before.has_value());
  auto after = bound_name(p.model, function, static_cast<std::uint32_t>(text.size() - 4), "asyncio",
                          "sleep");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(*after, "aio.sleep");
}

TEST(ImportsPackage, MatchesThePackageAndItsModules) {
  Parsed p("from fastapi.responses import JSONResponse\nimport starlette_extra\n");
  EXPECT_TRUE(imports_package(p.model, "fastapi"));
  EXPECT_FALSE(imports_package(p.model, "starlette"));
  EXPECT_FALSE(imports_package(p.model, "fast"));
}

}  // namespace

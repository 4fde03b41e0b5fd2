#!/usr/bin/env python3
"""Writes a deterministic synthetic corpus of FastAPI / asyncio applications for bench/.

    bench/gen_corpus.py OUT_DIR [--files N] [--seed S]

The same arguments always produce byte-identical files. The corpus is a set of small
service packages (`svcNN/`), each shaped like a real FastAPI application: `main.py` (app,
lifespan, routers), `routers/*.py` (async and sync route handlers), `services/*.py` (async
business logic with httpx/asyncio), `models/*.py` and `schemas/*.py` (sync SQLAlchemy and
pydantic classes), `utils/*.py` (sync helpers that sometimes block: LW109 material), `db.py`,
`config.py` and `tests/*.py`. About 55 % of the files contain async code, as in the real
applications the issue quotes.

Anti-patterns appear at a realistic rate (roughly one finding per 150-250 lines): blocking
calls in async handlers (requests, time.sleep, open, subprocess, sync SQLAlchemy sessions),
a sync helper that blocks called from async code (cross-file), swallowed cancellation,
pointless timeouts, dangling tasks, unawaited coroutines, `@app.on_event`.
"""
import argparse
import os
import random
import sys

NOUNS = [
    "user", "order", "invoice", "item", "product", "account", "payment", "report", "session",
    "ticket", "customer", "shipment", "review", "message", "profile", "token", "webhook",
    "subscription", "tenant", "project", "task", "comment", "upload", "event", "metric",
]
VERBS = ["get", "list", "create", "update", "delete", "sync", "refresh", "fetch", "load",
         "export", "import", "validate", "notify", "archive", "resolve"]
FIELDS = ["id", "name", "email", "created_at", "status", "amount", "owner_id", "title",
          "description", "price", "quantity", "due_date", "region", "priority", "score"]
TYPES = ["int", "str", "float", "bool", "datetime", "Optional[str]", "list[int]"]


class Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    def noun(self):
        return self.r.choice(NOUNS)

    def verb(self):
        return self.r.choice(VERBS)

    def chance(self, p):
        return self.r.random() < p

    def fields(self, n):
        return self.r.sample(FIELDS, k=min(n, len(FIELDS)))

    def docstring(self, indent, what):
        pad = " " * indent
        lines = [f'{pad}"""{what.capitalize()}.', ""]
        for _ in range(self.r.randint(0, 3)):
            lines.append(f"{pad}{self.r.choice(['Raises', 'Returns', 'Note'])}: the "
                         f"{self.noun()} {self.r.choice(['record', 'payload', 'result'])} "
                         f"when the {self.noun()} is {self.r.choice(['active', 'stale', 'new'])}.")
        lines.append(f'{pad}"""')
        return lines

    def body_stmts(self, indent, is_async, n, blocking_rate):
        """Plain statements: assignments, ifs, loops, comprehensions, awaits."""
        pad = " " * indent
        out = []
        for _ in range(n):
            k = self.r.randint(0, 9)
            v = f"{self.noun()}_{self.r.choice(FIELDS)}"
            if k <= 2:
                out.append(f"{pad}{v} = {{\"{self.r.choice(FIELDS)}\": {self.r.randint(0, 999)}, "
                           f"\"{self.r.choice(FIELDS)}\": str({self.r.randint(0, 99)})}}")
            elif k == 3:
                out.append(f"{pad}if {v} is None:")
                out.append(f"{pad}    raise HTTPException(status_code=404, detail=\"{self.noun()} not found\")")
            elif k == 4:
                out.append(f"{pad}{v} = [x for x in range({self.r.randint(2, 50)}) if x % {self.r.randint(2, 7)}]")
            elif k == 5:
                out.append(f"{pad}for idx, value in enumerate(items):")
                out.append(f"{pad}    if value.{self.r.choice(FIELDS)} > {self.r.randint(0, 100)}:")
                out.append(f"{pad}        results.append((idx, value))")
            elif k == 6 and is_async:
                out.append(f"{pad}{v} = await {self.r.choice(['svc', 'repo', 'cache'])}."
                           f"{self.verb()}_{self.noun()}({self.r.choice(FIELDS)}={self.r.randint(1, 9)})")
            elif k == 7:
                out.append(f"{pad}logger.info(\"{self.verb()} %s\", {self.r.choice(FIELDS)!r})")
            elif k == 8:
                out.append(f"{pad}# {self.r.choice(['TODO', 'NOTE', 'FIXME'])}: {self.verb()} "
                           f"the {self.noun()} before the {self.noun()} is {self.r.choice(['saved', 'sent'])}")
            else:
                out.append(f"{pad}total = sum(getattr(x, \"{self.r.choice(FIELDS)}\", 0) for x in results)")
            if is_async and self.chance(blocking_rate):
                out.extend(self.blocking(indent))
        return out

    def blocking(self, indent):
        pad = " " * indent
        k = self.r.randint(0, 5)
        if k == 0:
            return [f"{pad}resp = requests.get(f\"{{BASE_URL}}/{self.noun()}s\", timeout=5)"]
        if k == 1:
            return [f"{pad}time.sleep(0.{self.r.randint(1, 9)})"]
        if k == 2:
            return [f"{pad}with open(\"/tmp/{self.noun()}.json\") as fh:", f"{pad}    data = json.load(fh)"]
        if k == 3:
            return [f"{pad}subprocess.run([\"convert\", \"{self.noun()}\"], check=True)"]
        if k == 4:
            return [f"{pad}rows = db.query({self.noun().capitalize()}Model).all()"]
        return [f"{pad}cfg = load_settings_file()"]

    # --- files ---------------------------------------------------------------------------

    def header(self, modules):
        lines = ['"""Service module generated for loopwarden benchmarks."""']
        lines += [f"import {m}" for m in sorted(modules)]
        return lines

    def router_header(self, pkg, idx):
        name = f"{self.noun()}s"
        lines = self.header(["asyncio", "json", "logging", "subprocess", "time", "requests"])
        lines += [
            "from typing import Optional",
            "",
            "from fastapi import APIRouter, Depends, HTTPException, BackgroundTasks",
            "from sqlalchemy.orm import Session",
            "",
            f"from {pkg}.db import get_db",
            f"from {pkg}.services import service_{idx % 4} as svc",
            f"from {pkg}.utils.helpers import load_settings_file, format_row",
            "",
            "logger = logging.getLogger(__name__)",
            f"router = APIRouter(prefix=\"/{name}\")",
            "BASE_URL = \"https://api.example.com\"",
            "",
        ]
        return lines

    def route(self):
        v, n = self.verb(), self.noun()
        is_async = self.chance(0.75)
        method = self.r.choice(["get", "post", "put", "delete"])
        kw = "async def" if is_async else "def"
        lines = ["", "", f"@router.{method}(\"/{n}/{{item_id}}\")",
                 f"{kw} {v}_{n}(item_id: int, db: Session = Depends(get_db)):"]
        lines += self.docstring(4, f"{v} a {n}")
        lines.append("    items = []")
        lines.append("    results = []")
        lines += self.body_stmts(4, is_async, self.r.randint(3, 12), 0.015)
        if is_async and self.chance(0.08):
            lines.append("    try:")
            lines.append(f"        await svc.{self.verb()}_{self.noun()}(item_id)")
            lines.append("    except BaseException:")
            lines.append("        logger.exception(\"failed\")")
        if is_async and self.chance(0.05):
            lines.append(f"    asyncio.create_task(svc.{self.verb()}_{self.noun()}(item_id))")
        lines.append("    return {\"id\": item_id, \"results\": [format_row(r) for r in results]}")
        return lines

    def router(self, pkg, idx):
        lines = self.router_header(pkg, idx)
        for _ in range(self.r.randint(4, 10)):
            lines += self.route()
        return lines

    def service(self, pkg):
        lines = self.header(["asyncio", "logging"])
        lines += [
            "from contextlib import asynccontextmanager",
            "from typing import Any, Optional",
            "",
            "import httpx",
            "",
            f"from {pkg}.config import settings",
            "",
            "logger = logging.getLogger(__name__)",
            "",
        ]
        cls = f"{self.noun().capitalize()}Service"
        lines.append(f"class {cls}:")
        lines += self.docstring(4, f"talks to the {self.noun()} API")
        lines.append("    def __init__(self, client: httpx.AsyncClient) -> None:")
        lines.append("        self.client = client")
        lines.append("        self._cache: dict[str, Any] = {}")
        for _ in range(self.r.randint(3, 8)):
            v, n = self.verb(), self.noun()
            lines.append("")
            lines.append(f"    async def {v}_{n}(self, key: str, retries: int = 3) -> Optional[dict]:")
            lines += self.docstring(8, f"{v} the {n}")
            lines.append("        for attempt in range(retries):")
            lines.append(f"            resp = await self.client.get(f\"/{n}s/{{key}}\")")
            lines.append("            if resp.status_code == 200:")
            lines.append("                return resp.json()")
            lines.append("            await asyncio.sleep(0.1 * attempt)")
            if self.chance(0.06):
                lines.append("        async with asyncio.timeout(5):")
                lines.append(f"            self._cache.pop(key, None)")
            lines.append("        return None")
        for _ in range(self.r.randint(2, 6)):
            v, n = self.verb(), self.noun()
            lines.append("")
            lines.append("")
            lines.append(f"async def {v}_{n}(item_id: int, **options: Any) -> dict:")
            lines += self.docstring(4, f"{v} a {n} in the background")
            lines.append("    items = []")
            lines.append("    results = []")
            lines += self.body_stmts(4, True, self.r.randint(4, 14), 0.0)
            lines.append("    return {\"id\": item_id}")
        return lines

    def model(self):
        lines = self.header(["datetime"])
        lines += [
            "from typing import Optional",
            "",
            "from sqlalchemy import Column, DateTime, ForeignKey, Integer, String",
            "from sqlalchemy.orm import declarative_base, relationship",
            "",
            "Base = declarative_base()",
            "",
        ]
        for _ in range(self.r.randint(2, 6)):
            n = self.noun().capitalize()
            lines.append("")
            lines.append(f"class {n}Model(Base):")
            lines += self.docstring(4, f"the {n.lower()} table")
            lines.append(f"    __tablename__ = \"{n.lower()}s\"")
            for f in self.fields(self.r.randint(3, 8)):
                col = self.r.choice(["Integer", "String(255)", "DateTime"])
                lines.append(f"    {f} = Column({col}, nullable={self.r.choice(['True', 'False'])})")
            lines.append("")
            lines.append("    def __repr__(self) -> str:")
            lines.append(f"        return f\"<{n} {{self.id}}>\"")
            lines.append("")
            lines.append("    def to_dict(self) -> dict:")
            lines.append("        return {c.name: getattr(self, c.name) for c in self.__table__.columns}")
        return lines

    def schema(self):
        lines = ["from datetime import datetime", "from typing import Optional", "",
                 "from pydantic import BaseModel, Field, validator", ""]
        for _ in range(self.r.randint(3, 8)):
            n = self.noun().capitalize()
            lines.append("")
            lines.append(f"class {n}{self.r.choice(['In', 'Out', 'Update'])}(BaseModel):")
            for f in self.fields(self.r.randint(2, 7)):
                lines.append(f"    {f}: {self.r.choice(TYPES)} = Field(default=None)")
            if self.chance(0.4):
                lines.append("")
                lines.append(f"    @validator(\"{self.r.choice(FIELDS)}\")")
                lines.append("    def check(cls, value):")
                lines.append("        if value is None:")
                lines.append("            raise ValueError(\"required\")")
                lines.append("        return value")
        return lines

    def helpers(self):
        lines = self.header(["json", "os", "re"])
        lines += ["", "SETTINGS_PATH = os.environ.get(\"SETTINGS\", \"settings.json\")", ""]
        lines += ["", "def load_settings_file() -> dict:",
                  "    with open(SETTINGS_PATH) as fh:",
                  "        return json.load(fh)", ""]
        lines += ["", "def format_row(row) -> str:",
                  "    return \", \".join(f\"{k}={v}\" for k, v in sorted(row.items()))", ""]
        for _ in range(self.r.randint(3, 10)):
            v, n = self.verb(), self.noun()
            lines.append("")
            lines.append(f"def {v}_{n}_text(text: str, limit: int = 80) -> str:")
            lines += self.docstring(4, f"{v} {n} text")
            lines.append("    text = re.sub(r\"\\s+\", \" \", text).strip()")
            lines.append("    if len(text) > limit:")
            lines.append("        text = text[: limit - 3] + \"...\"")
            lines.append("    return text")
        return lines

    def main(self, pkg, routers):
        lines = ["import asyncio", "import logging", "from contextlib import asynccontextmanager", "",
                 "import httpx", "from fastapi import FastAPI", ""]
        lines += [f"from {pkg}.routers import {r}" for r in routers]
        lines += ["", "", "@asynccontextmanager", "async def lifespan(app: FastAPI):",
                  "    async with httpx.AsyncClient() as client:",
                  "        app.state.http = client", "        yield", "", "",
                  "app = FastAPI(lifespan=lifespan)"]
        lines += [f"app.include_router({r}.router)" for r in routers]
        if self.chance(0.3):
            lines += ["", "", "@app.on_event(\"startup\")", "async def warm_up():",
                      "    await asyncio.sleep(0)"]
        return lines

    def db(self):
        return ["from sqlalchemy import create_engine", "from sqlalchemy.orm import sessionmaker", "",
                "engine = create_engine(\"sqlite:///./app.db\")", "SessionLocal = sessionmaker(bind=engine)", "",
                "", "def get_db():", "    db = SessionLocal()", "    try:", "        yield db", "    finally:",
                "        db.close()"]

    def config(self):
        lines = ["import os", "from functools import lru_cache", "", "from pydantic import BaseSettings", "",
                 "", "class Settings(BaseSettings):"]
        for f in self.fields(8):
            lines.append(f"    {f}: str = os.environ.get(\"{f.upper()}\", \"\")")
        lines += ["", "", "@lru_cache", "def get_settings() -> Settings:", "    return Settings()", "",
                  "", "settings = get_settings()"]
        return lines

    def test(self, pkg):
        lines = ["import pytest", "from fastapi.testclient import TestClient", "",
                 f"from {pkg}.main import app", "", "client = TestClient(app)", ""]
        for _ in range(self.r.randint(3, 9)):
            v, n = self.verb(), self.noun()
            lines += ["", f"def test_{v}_{n}():",
                      f"    response = client.get(\"/{n}s/{n}/{self.r.randint(1, 99)}\")",
                      "    assert response.status_code in (200, 404)"]
            if self.chance(0.3):
                lines += ["", "", "@pytest.mark.asyncio", f"async def test_{v}_{n}_async():",
                          f"    assert await asyncio.sleep(0) is None"]
                if "import asyncio" not in lines:
                    lines.insert(0, "import asyncio")
        return lines


def generate(out_dir, files, seed):
    rng = random.Random(seed)
    g = Gen(rng)
    written = 0
    svc = 0
    while written < files:
        pkg = f"svc{svc:03d}"
        svc += 1
        routers = [f"r_{g.noun()}_{i}" for i in range(rng.randint(3, 6))]
        plan = {f"{pkg}/__init__.py": [""], f"{pkg}/main.py": g.main(pkg, routers),
                f"{pkg}/db.py": g.db(), f"{pkg}/config.py": g.config(),
                f"{pkg}/routers/__init__.py": [""], f"{pkg}/services/__init__.py": [""],
                f"{pkg}/models/__init__.py": [""], f"{pkg}/schemas/__init__.py": [""],
                f"{pkg}/utils/__init__.py": [""], f"{pkg}/utils/helpers.py": g.helpers()}
        for i, r in enumerate(routers):
            plan[f"{pkg}/routers/{r}.py"] = g.router(pkg, i)
        for i in range(4):
            plan[f"{pkg}/services/service_{i}.py"] = g.service(pkg)
        for i in range(rng.randint(3, 7)):
            plan[f"{pkg}/models/model_{i}.py"] = g.model()
            plan[f"{pkg}/schemas/schema_{i}.py"] = g.schema()
        for i in range(rng.randint(2, 6)):
            plan[f"{pkg}/utils/text_{i}.py"] = g.helpers()
        for i in range(rng.randint(2, 5)):
            plan[f"tests/{pkg}/test_{i}.py"] = g.test(pkg)
        for rel, lines in plan.items():
            if written >= files:
                break
            path = os.path.join(out_dir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write("\n".join(lines) + "\n")
            written += 1
    return written


def document(lines, seed):
    """One module of about `lines` lines (a large router): the LSP benchmark's document."""
    g = Gen(random.Random(seed))
    out = g.router_header("app", 0)
    while True:
        route = g.route()
        if len(out) + len(route) > lines:
            break
        out += route
    out += [f"# end of the generated router ({i})" for i in range(lines - len(out))]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--files", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--document", type=int, metavar="LINES",
                    help="write one module of LINES lines to OUT_DIR (a file name) instead")
    args = ap.parse_args()
    if args.document:
        with open(args.out_dir, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(document(args.document, args.seed))
        return
    n = generate(args.out_dir, args.files, args.seed)
    print(f"wrote {n} files to {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()

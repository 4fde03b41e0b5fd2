# lw-fix: unsafe
# lw-options: select=LW1
"""Service module: `import asyncio` joins the standard-library block, sorted (isort, I001)."""
from __future__ import annotations

import asyncio
import json
import os
from typing import Any

# third-party
import requests
from pydantic import BaseModel


class Item(BaseModel):
    name: str


async def fetch(url: str) -> Any:
    return json.loads((await asyncio.to_thread(requests.get, url, timeout=5)).text), os.sep

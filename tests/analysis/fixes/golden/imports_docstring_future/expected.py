"""A module docstring.

# lw-fix: safe
# lw-options: select=LW1
"""
from __future__ import annotations

import time
import asyncio


async def main():
    await asyncio.sleep(1)

"""A module docstring.

# lw-fix: safe
# lw-options: select=LW1
"""
from __future__ import annotations

import asyncio
import time


async def main():
    await asyncio.sleep(1)

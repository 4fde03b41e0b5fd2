"""A module docstring.

# lw-fix: safe
# lw-options: select=LW1
"""
from __future__ import annotations

import time


async def main():
    time.sleep(1)

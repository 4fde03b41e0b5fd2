# lw-fix: safe
# lw-options: select=LW210
"""`await time.sleep(...)`: the safe fix swaps in `asyncio.sleep` and keeps the `await`."""
import asyncio
import time
from time import sleep


async def backoff(attempt: int) -> None:
    await asyncio.sleep(2**attempt)
    await asyncio.sleep(0.1)  # imported by name


async def fetch(url: str):
    import requests

    return await requests.get(url)  # a note only: no rewrite

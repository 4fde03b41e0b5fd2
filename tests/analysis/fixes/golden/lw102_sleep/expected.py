# lw-fix: safe
# lw-options: select=LW1
"""Two sleeps, one import."""
import asyncio
import time

import httpx


async def poll(client: httpx.AsyncClient):
    await asyncio.sleep(1)
    response = await client.get("/status")
    await asyncio.sleep(0.5)  # back off
    return response


async def retry():
    for _ in range(3):
        await asyncio.sleep(2)

# lw-fix: safe
# lw-options: select=LW1
"""Two sleeps, one import."""
import time

import httpx


async def poll(client: httpx.AsyncClient):
    time.sleep(1)
    response = await client.get("/status")
    time.sleep(0.5)  # back off
    return response


async def retry():
    for _ in range(3):
        time.sleep(2)

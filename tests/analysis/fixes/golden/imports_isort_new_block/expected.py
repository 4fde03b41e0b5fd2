# lw-fix: unsafe
# lw-options: select=LW1
import asyncio

import requests


async def fetch(url):
    return await asyncio.to_thread(requests.get, url, timeout=5)

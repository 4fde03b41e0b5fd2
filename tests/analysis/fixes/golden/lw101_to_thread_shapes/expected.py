# lw-fix: unsafe
# lw-options: select=LW1
import asyncio
import json

import requests


async def shapes(url, args, kwargs, urls):
    a = await asyncio.to_thread(requests.get, url, timeout=5)
    session = requests.Session()
    b = await asyncio.to_thread(session.get, url)
    c = await asyncio.to_thread(lambda: requests.get(url).json())
    d = await asyncio.to_thread(requests.post, *args, **kwargs)
    e = await asyncio.to_thread(requests.get,
        url,  # the endpoint
        headers={"x": "1"},
    )
    f = await asyncio.to_thread(requests.get)
    g = json.loads((await asyncio.to_thread(requests.get, url)).text)
    h = [await asyncio.to_thread(requests.get, u) for u in urls]
    i = (await asyncio.to_thread(requests.get, url))["key"]
    j = -(await asyncio.to_thread(requests.request, "GET", url)).status_code
    return a, b, c, d, e, f, g, h, i, j

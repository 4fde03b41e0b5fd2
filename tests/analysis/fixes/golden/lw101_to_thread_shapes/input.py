# lw-fix: unsafe
# lw-options: select=LW1
import json

import requests


async def shapes(url, args, kwargs, urls):
    a = requests.get(url, timeout=5)
    session = requests.Session()
    b = session.get(url)
    c = requests.get(url).json()
    d = requests.post(*args, **kwargs)
    e = requests.get(
        url,  # the endpoint
        headers={"x": "1"},
    )
    f = requests.get()
    g = json.loads(requests.get(url).text)
    h = [requests.get(u) for u in urls]
    i = requests.get(url)["key"]
    j = -requests.request("GET", url).status_code
    return a, b, c, d, e, f, g, h, i, j

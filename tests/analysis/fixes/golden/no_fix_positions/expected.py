# lw-fix: unsafe
# lw-options: select=LW1
import time

import requests


async def not_here(urls):
    fetch = lambda u: requests.get(u)
    lazy = (requests.get(u) for u in urls)

    def inner():
        time.sleep(1)

    return fetch, lazy, inner


def sync_code():
    time.sleep(1)

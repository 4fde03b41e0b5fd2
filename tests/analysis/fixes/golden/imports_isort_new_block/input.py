# lw-fix: unsafe
# lw-options: select=LW1
import requests


async def fetch(url):
    return requests.get(url, timeout=5)

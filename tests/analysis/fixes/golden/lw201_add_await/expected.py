# lw-fix: safe
# lw-options: select=LW2
import asyncio


async def fetch():
    await asyncio.sleep(0)
    return {"x": 1}


async def main():
    await fetch()
    data = (await fetch()).get("x")
    if await fetch():
        data = 2
    items = [fetch() for _ in range(2)]
    return data, items

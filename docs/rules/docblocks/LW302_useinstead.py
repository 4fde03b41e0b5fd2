import asyncio

import httpx

limit = asyncio.Semaphore(10)


async def fetch_one(client: httpx.AsyncClient, url: str) -> bytes:
    async with limit:
        response = await client.get(url)
    return response.content


async def fetch_all(client: httpx.AsyncClient, urls: list[str]) -> list[bytes]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch_one(client, url)) for url in urls]
    return [task.result() for task in tasks]

import asyncio

import httpx


async def fetch_with_retry(client: httpx.AsyncClient, url: str) -> httpx.Response:
    for attempt in range(3):
        response = await client.get(url)
        if response.status_code != 503:
            return response
        await asyncio.sleep(2**attempt)
    response.raise_for_status()
    return response

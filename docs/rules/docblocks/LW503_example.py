import asyncio
import json

import httpx


async def load_config(client: httpx.AsyncClient) -> dict:
    response = await client.get("https://config.example.com/app.json")
    async with asyncio.timeout(5):
        config = json.loads(response.text)
    return config

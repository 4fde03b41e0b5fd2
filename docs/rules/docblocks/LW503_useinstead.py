import asyncio
import json
import httpx

async def load_config(client: httpx.AsyncClient) -> dict:
    async with asyncio.timeout(5):
        response = await client.get("https://config.example.com/app.json")
    return json.loads(response.text)

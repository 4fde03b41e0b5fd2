import asyncio

import httpx


async def fetch_user(client: httpx.AsyncClient, user_id: int) -> dict:
    response = await client.get(f"/users/{user_id}")
    return response.json()


async def fetch_users(client: httpx.AsyncClient, user_ids: list[int]) -> list[dict]:
    return await asyncio.gather(*[fetch_user(client, uid) for uid in user_ids])

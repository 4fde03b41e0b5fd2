# lw-fix: unsafe
# lw-options: select=LW3
import asyncio

import httpx


async def dashboard(client: httpx.AsyncClient, user_id: int):
    # Three independent lookups.
    profile, orders, stats = await asyncio.gather(
        client.get(f"/users/{user_id}"),
        client.get(f"/orders?user={user_id}"),  # recent first
        client.get(f"/stats/{user_id}"),
    )
    return profile.json(), orders.json(), stats.json()

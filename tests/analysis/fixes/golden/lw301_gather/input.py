# lw-fix: unsafe
# lw-options: select=LW3
import httpx


async def dashboard(client: httpx.AsyncClient, user_id: int):
    # Three independent lookups.
    profile = await client.get(f"/users/{user_id}")
    orders = await client.get(f"/orders?user={user_id}")  # recent first
    stats = await client.get(f"/stats/{user_id}")
    return profile.json(), orders.json(), stats.json()

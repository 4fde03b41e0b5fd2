import httpx


async def fetch_profile(user_id: int) -> dict:
    async with httpx.AsyncClient(base_url="https://api.example.com") as client:
        response = await client.get(f"/users/{user_id}")
    return response.json()

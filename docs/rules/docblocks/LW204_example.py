import httpx


async def fetch_profile(user_id: int) -> dict:
    client = httpx.AsyncClient(base_url="https://api.example.com")
    response = await client.get(f"/users/{user_id}")
    return response.json()

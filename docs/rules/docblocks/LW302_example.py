import httpx


async def fetch_all(client: httpx.AsyncClient, urls: list[str]) -> list[bytes]:
    pages = []
    for url in urls:
        response = await client.get(url)
        pages.append(response.content)
    return pages

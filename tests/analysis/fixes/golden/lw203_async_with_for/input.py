# lw-fix: safe
# lw-options: select=LW2
import aiofiles
import httpx


async def main(path):
    with httpx.AsyncClient() as client:
        await client.get("https://example.com")
    async with aiofiles.open(path) as f:
        for line in f:
            print(line)

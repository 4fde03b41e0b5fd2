import asyncio

from fastapi import FastAPI

app = FastAPI()


async def refresh_cache(key: str) -> None: ...


@app.post("/items/{key}")
async def update_item(key: str):
    asyncio.create_task(refresh_cache(key))
    return {"updated": key}

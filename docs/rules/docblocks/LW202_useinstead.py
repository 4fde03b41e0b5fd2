import asyncio
from fastapi import FastAPI

background_tasks: set[asyncio.Task] = set()


@app.post("/items/{key}")
async def update_item(key: str):
    task = asyncio.create_task(refresh_cache(key))
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    return {"updated": key}

import asyncio

from fastapi import FastAPI

app = FastAPI()


async def load_prices() -> dict: ...


@app.get("/prices")
async def prices():
    return asyncio.run(load_prices())

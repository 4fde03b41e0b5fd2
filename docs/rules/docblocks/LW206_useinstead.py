import asyncio
from fastapi import FastAPI

@app.get("/prices")
async def prices():
    return await load_prices()

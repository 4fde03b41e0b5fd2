# lw-fix: unsafe
"""All unsafe fixes of a FastAPI module, applied round after round until none is left."""
import asyncio
import time

import requests
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

app = FastAPI()


@app.get("/weather")
async def weather(city: str):
    forecast = await run_in_threadpool(requests.get, f"https://api.example.com/forecast/{city}", timeout=5)
    alerts = await run_in_threadpool(requests.get, f"https://api.example.com/alerts/{city}", timeout=5)
    await asyncio.sleep(0.1)
    return forecast.json(), alerts.json()


@app.get("/health")
def health():
    return {"ok": True}

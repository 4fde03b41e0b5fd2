# lw-fix: unsafe
"""All unsafe fixes of a FastAPI module, applied round after round until none is left."""
import time

import requests
from fastapi import FastAPI

app = FastAPI()


@app.get("/weather")
async def weather(city: str):
    forecast = requests.get(f"https://api.example.com/forecast/{city}", timeout=5)
    alerts = requests.get(f"https://api.example.com/alerts/{city}", timeout=5)
    time.sleep(0.1)
    return forecast.json(), alerts.json()


@app.get("/health")
async def health():
    return {"ok": True}

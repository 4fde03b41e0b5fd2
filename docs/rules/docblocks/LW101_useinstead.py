from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with httpx.AsyncClient(timeout=5) as client:
        app.state.http = client
        yield


app = FastAPI(lifespan=lifespan)


@app.get("/weather/{city}")
async def weather(city: str, request: Request):
    response = await request.app.state.http.get(f"https://api.example.com/weather/{city}")
    return response.json()

from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with httpx.AsyncClient() as client:
        app.state.http = client
        yield


app = FastAPI(lifespan=lifespan)


@app.get("/rates/{currency}")
async def rates(currency: str, request: Request):
    response = await request.app.state.http.get(f"https://rates.example.com/{currency}")
    return response.json()

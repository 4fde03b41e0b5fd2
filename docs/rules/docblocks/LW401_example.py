import httpx
from fastapi import FastAPI

app = FastAPI()


@app.on_event("startup")
async def open_client():
    app.state.http = httpx.AsyncClient()


@app.on_event("shutdown")
async def close_client():
    await app.state.http.aclose()

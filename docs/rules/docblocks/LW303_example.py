import httpx
from fastapi import FastAPI

app = FastAPI()


@app.get("/rates/{currency}")
async def rates(currency: str):
    async with httpx.AsyncClient() as client:
        response = await client.get(f"https://rates.example.com/{currency}")
    return response.json()

import requests
from fastapi import FastAPI

app = FastAPI()


@app.get("/weather/{city}")
async def weather(city: str):
    response = requests.get(f"https://api.example.com/weather/{city}", timeout=5)
    return response.json()

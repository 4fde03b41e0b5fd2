# lw-fix: unsafe
# lw-options: select=LW1
from fastapi import FastAPI
import requests

app = FastAPI()


@app.get("/items")
async def items(url: str):
    data = requests.get(url).json()
    await notify()
    return data


async def notify():
    with open("log.txt", "a") as log:
        log.write("notified\n")

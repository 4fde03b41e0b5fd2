# lw-fix: unsafe
# lw-options: select=LW1
from fastapi import FastAPI
import requests
from fastapi.concurrency import run_in_threadpool

app = FastAPI()


@app.get("/items")
async def items(url: str):
    data = await run_in_threadpool(lambda: requests.get(url).json())
    await notify()
    return data


async def notify():
    with open("log.txt", "a") as log:
        await run_in_threadpool(log.write, "notified\n")

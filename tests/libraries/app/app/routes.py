from fastapi import FastAPI

import vendorsdk
from vendorsdk import Client, Stream, Uploader

app = FastAPI()
client = Client("secret-token")


@app.post("/files/{name}")
async def upload(name: str, data: bytes):
    return client.upload(name, data)  # expect: LW109


@app.get("/about")
async def about():
    return client.describe()


@app.get("/settings")
async def settings():
    return client.settings()


@app.get("/session")
async def session():
    return client.session()


@app.get("/config")
async def config():
    return client.config()


@app.post("/preview")
async def preview(payload: dict):
    return client.preview(payload)


@app.get("/status/{code}")
async def status(code: int):
    return client.check(code)


@app.get("/deep")
async def deep():
    return client.sync_everything("https://example.invalid")


@app.get("/fetch/{name}")
async def fetch(name: str):
    client.fetch_async(name)  # expect: LW201
    return await client.fetch_async(name)


@app.get("/stream")
async def stream():
    with vendorsdk.Stream("https://example.invalid") as s:  # expect: LW203
        return s.url


@app.get("/stream-ok")
async def stream_ok():
    async with Stream("https://example.invalid") as s:
        return s.url


@app.get("/upload-cm")
async def upload_cm():
    async with Uploader() as u:  # expect: LW209
        return u


def sync_job(name, data):
    return client.upload(name, data)

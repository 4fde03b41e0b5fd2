import json

from fastapi import FastAPI

app = FastAPI()


def read_config(path: str) -> dict:
    with open(path) as f:
        return json.load(f)


def load_settings() -> dict:
    return read_config("settings.json")


@app.get("/settings")
async def settings():
    return load_settings()

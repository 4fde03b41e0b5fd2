# lw-fix: unsafe
# lw-options: select=LW1
import asyncio
import json


def read_settings(path):
    with open(path) as f:
        return json.load(f)


def load_config():
    return read_settings("config.json")


async def handler():
    config = await asyncio.to_thread(load_config)
    return config["name"], await asyncio.to_thread(lambda: load_config().get("x"))

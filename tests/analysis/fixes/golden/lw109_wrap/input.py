# lw-fix: unsafe
# lw-options: select=LW1
import json


def read_settings(path):
    with open(path) as f:
        return json.load(f)


def load_config():
    return read_settings("config.json")


async def handler():
    config = load_config()
    return config["name"], load_config().get("x")

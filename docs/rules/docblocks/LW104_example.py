import subprocess

from fastapi import FastAPI

app = FastAPI()


@app.post("/thumbnails/{name}")
async def thumbnail(name: str):
    subprocess.run(
        ["convert", f"{name}.png", "-resize", "128x128", f"{name}.thumb.png"], check=True
    )
    return {"thumbnail": f"{name}.thumb.png"}

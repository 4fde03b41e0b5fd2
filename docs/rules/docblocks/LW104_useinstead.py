import asyncio

from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.post("/thumbnails/{name}")
async def thumbnail(name: str):
    proc = await asyncio.create_subprocess_exec(
        "convert", f"{name}.png", "-resize", "128x128", f"{name}.thumb.png"
    )
    if await proc.wait() != 0:
        raise HTTPException(status_code=500, detail="convert failed")
    return {"thumbnail": f"{name}.thumb.png"}

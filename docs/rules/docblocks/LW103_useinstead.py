import anyio
from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
async def report():
    return {"report": await anyio.Path("report.txt").read_text()}

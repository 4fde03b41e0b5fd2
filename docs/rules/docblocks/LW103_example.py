from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
async def report():
    with open("report.txt") as f:
        return {"report": f.read()}

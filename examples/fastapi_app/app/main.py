"""A small FastAPI service with the mistakes loopwarden exists to catch.

Run `loopwarden check examples/fastapi_app` from the repository root.
"""
import json
import subprocess
import time
from contextlib import asynccontextmanager

import httpx
import requests
from fastapi import Depends, FastAPI, Request
from sqlalchemy.orm import Session, sessionmaker


@asynccontextmanager
async def lifespan(app: FastAPI):
    # One shared HTTP client for the whole application, closed at shutdown.
    async with httpx.AsyncClient() as client:
        app.state.http = client
        yield


app = FastAPI(lifespan=lifespan)
SessionLocal = sessionmaker()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@app.get("/weather/{city}")
async def weather(city: str):
    # Blocks every other request while the upstream API answers.
    response = requests.get(f"https://weather.example.com/{city}", timeout=5)
    return response.json()


@app.post("/reports")
async def build_report(report_id: int):
    time.sleep(2)  # "wait for the upstream cache": freezes the whole server
    subprocess.run(["make-report", str(report_id)], check=True)
    return {"id": report_id}


@app.get("/settings")
async def settings():
    with open("settings.json") as f:
        return json.load(f)


@app.get("/users")
async def list_users(db: Session = Depends(get_db)):
    return db.query(dict).all()


@app.get("/proxy")
async def proxy():
    with httpx.Client() as client:
        return client.get("https://api.example.com/items").json()


# --- the same work done right: nothing below is reported ---


@app.get("/weather-async/{city}")
async def weather_async(city: str, request: Request):
    response = await request.app.state.http.get(f"https://weather.example.com/{city}")
    return response.json()


@app.get("/users-sync")
def list_users_sync(db: Session = Depends(get_db)):
    # A plain `def` route runs in FastAPI's thread pool: blocking here is fine.
    return db.query(dict).all()

import aiosmtplib
from email.message import EmailMessage
from fastapi import FastAPI

app = FastAPI()


@app.post("/signup")
async def signup(email: str):
    message = EmailMessage()
    message["To"] = email
    message.set_content("Welcome!")
    await aiosmtplib.send(message, hostname="smtp.example.com")
    return {"status": "registered"}

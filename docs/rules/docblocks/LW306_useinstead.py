import aiosmtplib
from email.message import EmailMessage
from fastapi import BackgroundTasks, FastAPI

app = FastAPI()


async def send_welcome(email: str) -> None:
    message = EmailMessage()
    message["To"] = email
    message.set_content("Welcome!")
    await aiosmtplib.send(message, hostname="smtp.example.com")


@app.post("/signup")
def signup(email: str, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_welcome, email)
    return {"status": "registered"}

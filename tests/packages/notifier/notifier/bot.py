import smtplib

import httpx

from notifier import compat
from notifier.settings import settings
from notifier.storage import Storage


class Bot:
    def __init__(self) -> None:
        self.http = httpx.AsyncClient(base_url=settings.api_url)
        self.storage = Storage("/var/lib/notifier/templates")
        self.legacy = compat.Session()
        self.mailer = None

    def connect_mail(self) -> None:
        self.mailer = smtplib.SMTP("localhost")

    async def on_message(self, name: str) -> None:
        template = self.storage.read(name)  # expect: LW109
        where = self.storage.location(name)
        await self.http.post("/send", json={"text": template, "where": where})
        self.legacy.get("/ping")

    async def on_alert(self, text: str) -> None:
        self.mailer.sendmail("bot@example.org", ["ops@example.org"], text)  # expect: LW106

    async def on_file(self, name: str) -> bytes:
        return (settings.data_dir / name).read_bytes()  # expect: LW103

    async def on_nested(self, name: str) -> str:
        def render() -> str:
            return self.storage.read(name)

        return render()  # expect: LW109

from pathlib import Path

from pydantic import BaseModel


class Settings(BaseModel):
    data_dir: Path
    api_url: str = "https://chat.example/api"


settings = Settings(data_dir=Path("/var/lib/notifier"))

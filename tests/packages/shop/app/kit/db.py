"""The project's own database kit: what the rest of the code imports."""
from sqlalchemy.orm import Session

from app.core.db import get_db, open_session

__all__ = ["Session", "get_db", "open_session"]

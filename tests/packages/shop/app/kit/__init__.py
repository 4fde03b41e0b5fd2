from app.audit import record
from app.kit.db import Session, get_db

__all__ = ["Session", "get_db", "record"]

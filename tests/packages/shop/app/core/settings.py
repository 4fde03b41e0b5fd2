from pathlib import Path

DATABASE_URL = "postgresql://shop@localhost/shop"
EXPORT_DIR = Path("/var/lib/shop/exports")


def export_path(name: str) -> Path:
    return EXPORT_DIR / f"{name}.csv"

from pathlib import Path


class Storage:
    def __init__(self, root: str) -> None:
        self._root = Path(root)

    def _file(self, name: str) -> Path:
        return self._root / f"{name}.json"

    def read(self, name: str) -> str:
        return self._file(name).read_text()

    def location(self, name: str) -> str:
        return str(self._root / name)

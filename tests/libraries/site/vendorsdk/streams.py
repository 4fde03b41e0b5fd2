class Stream:
    """An async-only stream: `async with Stream(...)`."""

    def __init__(self, url):
        self.url = url

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


class Uploader:
    """A sync-only context manager."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

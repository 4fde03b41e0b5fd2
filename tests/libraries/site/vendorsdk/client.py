import functools
import os

import requests

from . import _http


@functools.cache
def load_settings(path):
    with open(path) as f:
        return f.read()


class Client:
    def __init__(self, token):
        self.token = token
        self._session = None
        self._config = None

    def upload(self, name, data):
        body = _http.encode({"name": name, "data": data})
        return _http.send("POST", "https://api.vendor.invalid/upload", body)

    def describe(self):
        return {"token": self.token[:4] + "...", "pid": os.getpid()}

    def settings(self):
        return load_settings("/etc/vendorsdk.conf")

    def session(self):
        if self._session is None:
            self._session = requests.Session()
        return self._session

    def config(self):
        if self._config is None:
            with open("/etc/vendorsdk.json") as f:
                self._config = f.read()
        return self._config

    def preview(self, payload):
        return _http.quiet_encode(payload)

    def check(self, status):
        if status >= 500:
            _http.report_failure(status)
            raise RuntimeError(status)
        return status

    def sync_everything(self, url):
        return _http.deep_one(url)

    async def fetch_async(self, name):
        return {"name": name}

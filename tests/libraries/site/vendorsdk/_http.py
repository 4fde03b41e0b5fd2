import json
import logging
import time
from typing import TYPE_CHECKING

import requests

if TYPE_CHECKING:
    from .client import Client

log = logging.getLogger(__name__)


def send(method, url, payload):
    response = requests.request(method, url, json=payload, timeout=10)
    return response.json()


def send_with_retry(method, url, payload):
    for attempt in range(3):
        try:
            return send(method, url, payload)
        except requests.ConnectionError:
            time.sleep(2**attempt)
    return None


def encode(payload):
    return json.dumps(payload, sort_keys=True)


def report_failure(error):
    requests.post("https://errors.vendor.invalid", data=str(error), timeout=5)


def quiet_encode(payload):
    try:
        return encode(payload)
    except TypeError as error:
        report_failure(error)
        return None


def deep_one(url):
    return deep_two(url)


def deep_two(url):
    return deep_three(url)


def deep_three(url):
    return send("GET", url, None)

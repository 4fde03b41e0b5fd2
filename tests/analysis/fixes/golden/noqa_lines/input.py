# lw-fix: noqa
import subprocess
import time

import requests


async def lines(url, path):
    time.sleep(1)
    requests.get(url)  # fetch it
    subprocess.run(["ls"])  # noqa: E501
    time.sleep(1)  # noqa: ASYNC210, E501  # keep
    data = open(path).read()
    time.sleep(1); requests.get(url)
    text = """
    """ + requests.get(url).text
    total = requests.get(url).status_code + \
        len(path)
    return data, text, total

# lw-fix: noqa
import subprocess
import time

import requests


async def lines(url, path):
    time.sleep(1)  # noqa: LW102
    requests.get(url)  # fetch it  # noqa: LW101
    subprocess.run(["ls"])  # noqa: E501, LW104
    time.sleep(1)  # noqa: ASYNC210, E501, LW102  # keep
    data = open(path).read()  # noqa: LW103
    time.sleep(1); requests.get(url)  # noqa: LW102, LW101
    text = """
    """ + requests.get(url).text  # noqa: LW101
    total = requests.get(url).status_code + \
        len(path)
    return data, text, total

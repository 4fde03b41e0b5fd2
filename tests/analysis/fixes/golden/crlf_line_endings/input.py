# lw-fix: unsafe
# lw-options: select=LW1
import os
import time


async def main():
    time.sleep(1)
    return os.listdir(".")

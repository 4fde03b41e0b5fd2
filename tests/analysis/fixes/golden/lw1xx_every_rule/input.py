# lw-fix: unsafe
# lw-options: extend-blocking-calls=inventory.reserve_sync; select=LW1
import socket
import sqlite3
import subprocess

import bcrypt
import inventory


async def every(path, password, salt):
    conn = sqlite3.connect(path)
    rows = conn.execute("select 1").fetchall()
    output = subprocess.check_output(["ls", "-l"], text=True)
    sock = socket.create_connection(("example.com", 80), timeout=3)
    answer = input("continue? ")
    hashed = bcrypt.hashpw(password, salt)
    inventory.reserve_sync(sku="x", count=2)
    return rows, output, sock, answer, hashed

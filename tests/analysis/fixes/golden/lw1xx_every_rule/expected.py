# lw-fix: unsafe
# lw-options: extend-blocking-calls=inventory.reserve_sync; select=LW1
import asyncio
import socket
import sqlite3
import subprocess

import bcrypt
import inventory


async def every(path, password, salt):
    conn = await asyncio.to_thread(sqlite3.connect, path)
    rows = await asyncio.to_thread(conn.execute("select 1").fetchall)
    output = await asyncio.to_thread(subprocess.check_output, ["ls", "-l"], text=True)
    sock = await asyncio.to_thread(socket.create_connection, ("example.com", 80), timeout=3)
    answer = await asyncio.to_thread(input, "continue? ")
    hashed = await asyncio.to_thread(bcrypt.hashpw, password, salt)
    await asyncio.to_thread(inventory.reserve_sync, sku="x", count=2)
    return rows, output, sock, answer, hashed

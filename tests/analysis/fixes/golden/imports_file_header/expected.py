#!/usr/bin/env python3
# -*- coding: utf-8 -*-
# lw-fix: unsafe
# lw-options: select=LW1
# Licence: MIT
import asyncio


async def main(path):
    data = await asyncio.to_thread((await asyncio.to_thread(open, path)).read)
    return data

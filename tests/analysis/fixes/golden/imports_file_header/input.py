#!/usr/bin/env python3
# -*- coding: utf-8 -*-
# lw-fix: unsafe
# lw-options: select=LW1
# Licence: MIT


async def main(path):
    data = open(path).read()
    return data

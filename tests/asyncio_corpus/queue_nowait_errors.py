# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""get_nowait on an empty queue raises QueueEmpty, put_nowait on a full one QueueFull."""

# compare: cpython
# micropython: n/a - no Queue in its asyncio (before 1.29); asynccp there prints CPython's output

import asyncio


async def main():
    q = asyncio.Queue(1)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q.put_nowait("a")
    try:
        q.put_nowait("b")
    except asyncio.QueueFull:
        print("QueueFull")
    print(issubclass(asyncio.QueueEmpty, Exception), issubclass(asyncio.QueueFull, Exception))


asyncio.run(main())

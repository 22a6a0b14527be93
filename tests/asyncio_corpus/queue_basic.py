# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Queue: put and get in order, qsize, empty, full, maxsize, put_nowait/get_nowait."""

# compare: cpython
# micropython: n/a - no Queue in its asyncio (before 1.29); asynccp there prints CPython's output

import asyncio


async def main():
    q = asyncio.Queue()
    print(q.maxsize, q.qsize(), q.empty(), q.full())
    for i in range(5):
        await q.put(i)
    q.put_nowait("x")
    print(q.qsize(), q.empty(), q.full())
    got = []
    for _ in range(3):
        got.append(await q.get())
    print(got, q.get_nowait(), q.qsize())
    b = asyncio.Queue(2)
    b.put_nowait(1)
    b.put_nowait(2)
    print(b.maxsize, b.full())


asyncio.run(main())

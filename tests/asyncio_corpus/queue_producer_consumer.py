# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A bounded queue makes the producer wait for the consumers."""

# compare: cpython
# micropython: n/a - no Queue in its asyncio (before 1.29); asynccp there prints CPython's output

import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i, "size", q.qsize())
    await q.put(None)
    await q.put(None)


async def consumer(q, name):
    while True:
        x = await q.get()
        if x is None:
            print(name, "stops")
            return
        print(name, "got", x)
        await asyncio.sleep(0)


async def main():
    q = asyncio.Queue(2)
    await asyncio.gather(producer(q, 6), consumer(q, "c1"), consumer(q, "c2"))


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A getter cancelled after a put woke it passes its turn on when it runs (in its except
clause), not at cancel(): tasks readied in between run before the next getter.
"""

# compare: cpython
# micropython: n/a - no Queue in its asyncio (before 1.29); asynccp there prints CPython's output

import asyncio


async def getter(q, name):
    try:
        print(name, "got", await q.get())
    except asyncio.CancelledError:
        print(name, "cancelled")


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    q = asyncio.Queue()
    a = asyncio.create_task(getter(q, "a"))
    asyncio.create_task(getter(q, "b"))
    await asyncio.sleep(0)
    q.put_nowait(1)
    a.cancel()
    asyncio.create_task(ticker())
    for _ in range(5):  # (rounds, not a time: the order is the same on a busy machine)
        await asyncio.sleep(0)
    print("left in the queue:", q.qsize())


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A cancelled getter leaves the queue; items go to the getters still waiting, in order."""

# compare: cpython
# micropython: n/a - no Queue in its asyncio (before 1.29); asynccp there prints CPython's output

import asyncio


async def getter(q, name):
    try:
        print(name, "got", await q.get())
    except asyncio.CancelledError:
        print(name, "cancelled")


async def main():
    q = asyncio.Queue()
    ts = [asyncio.create_task(getter(q, n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    ts[0].cancel()
    q.put_nowait(1)
    q.put_nowait(2)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    d = asyncio.create_task(getter(q, "d"))
    await asyncio.sleep(0)
    q.put_nowait(3)
    d.cancel()
    asyncio.create_task(getter(q, "e"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("left", q.qsize())


asyncio.run(main())

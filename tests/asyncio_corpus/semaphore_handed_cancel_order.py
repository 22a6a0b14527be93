# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A waiter cancelled after it was handed a permit passes it on when it runs (in its except
clause), not at cancel(): tasks readied in between run before the next waiter.
"""

# compare: cpython
# micropython: n/a - no Semaphore in its asyncio; asynccp there prints CPython's output

import asyncio


async def user(sem, name):
    try:
        async with sem:
            print(name, "got a permit")
        print(name, "released")
    except asyncio.CancelledError:
        print(name, "cancelled")


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    a = asyncio.create_task(user(sem, "a"))
    asyncio.create_task(user(sem, "b"))
    await asyncio.sleep(0)
    sem.release()
    a.cancel()
    asyncio.create_task(ticker())
    for _ in range(5):  # (rounds, not a time: the order is the same on a busy machine)
        await asyncio.sleep(0)
    print("locked at the end:", sem.locked())


asyncio.run(main())

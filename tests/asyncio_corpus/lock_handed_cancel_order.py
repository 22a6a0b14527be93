# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A waiter cancelled after the lock was handed to it passes the lock on when it runs (in its
except clause), not at cancel(): tasks readied in between run before the next waiter.
"""

# compare: micropython cpython

import asyncio


async def user(lock, name):
    try:
        async with lock:
            print(name, "got the lock")
        print(name, "released")
    except asyncio.CancelledError:
        print(name, "cancelled")


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(user(lock, "a"))
    asyncio.create_task(user(lock, "b"))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    asyncio.create_task(ticker())
    for _ in range(5):  # (rounds, not a time: the order is the same on a busy machine)
        await asyncio.sleep(0)
    print("locked at the end:", lock.locked())


asyncio.run(main())

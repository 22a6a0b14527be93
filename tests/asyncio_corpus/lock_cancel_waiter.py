# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A waiter cancelled after the lock was handed to it passes the lock on; one cancelled while
waiting just leaves.
"""

# compare: micropython cpython

import asyncio


async def user(lock, name):
    try:
        async with lock:
            print(name, "got the lock")
            await asyncio.sleep(0.01)
        print(name, "released")
    except asyncio.CancelledError:
        print(name, "cancelled")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(user(lock, "a"))
    b = asyncio.create_task(user(lock, "b"))
    asyncio.create_task(user(lock, "c"))
    await asyncio.sleep(0)
    b.cancel()
    lock.release()
    a.cancel()
    await asyncio.sleep(0.05)
    print("locked at the end:", lock.locked())


asyncio.run(main())

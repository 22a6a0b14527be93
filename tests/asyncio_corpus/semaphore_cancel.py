# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A waiter cancelled after it was handed a permit passes it on; release() wakes waiters in
order."""

# compare: cpython
# micropython: n/a - no Semaphore in its asyncio; asynccp there prints CPython's output

import asyncio


async def user(sem, name):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled")
        return
    print(name, "acquired")
    await asyncio.sleep(0.01)
    sem.release()


async def main():
    sem = asyncio.Semaphore(0)
    ts = [asyncio.create_task(user(sem, n)) for n in ("a", "b", "c", "d")]
    await asyncio.sleep(0)
    ts[1].cancel()
    sem.release()
    print("released; locked:", sem.locked())
    ts[0].cancel()
    await asyncio.sleep(0.05)
    print("value back:", sem.locked())


asyncio.run(main())

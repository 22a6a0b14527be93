# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Semaphore: at most value holders; locked(); acquire gives True; async with."""

# compare: cpython
# micropython: n/a - no Semaphore in its asyncio; asynccp there prints CPython's output

import asyncio


async def user(sem, name, t):
    async with sem:
        print(name, "in, locked:", sem.locked())
        await asyncio.sleep(t)
    print(name, "out")


async def main():
    sem = asyncio.Semaphore(2)
    print(sem.locked())
    await asyncio.gather(
        user(sem, "a", 0.02), user(sem, "b", 0.1), user(sem, "c", 0.02), user(sem, "d", 0.01)
    )
    print(await sem.acquire(), await sem.acquire(), sem.locked())
    sem.release()
    sem.release()
    print(sem.locked())


asyncio.run(main())

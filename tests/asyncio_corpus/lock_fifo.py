# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Waiters get the lock first come first served; a release hands it to the first."""

# compare: micropython cpython

import asyncio


async def user(lock, name, n):
    for i in range(n):
        async with lock:
            print(name, "has it", i)
            await asyncio.sleep(0)
        print(name, "released", i)


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    ts = [asyncio.create_task(user(lock, n, 2)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    print("main releases, locked:", lock.locked())
    lock.release()
    print("after release, locked:", lock.locked())
    for t in ts:
        await t


asyncio.run(main())

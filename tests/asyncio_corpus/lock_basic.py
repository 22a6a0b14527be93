# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Lock: locked(), acquire() gives True, release(), async with."""

# compare: micropython cpython

import asyncio


async def main():
    lock = asyncio.Lock()
    print(lock.locked())
    print(await lock.acquire())
    print(lock.locked())
    lock.release()
    print(lock.locked())
    async with lock:
        print("inside", lock.locked())
    print("outside", lock.locked())
    try:
        lock.release()
    except RuntimeError:
        print("RuntimeError releasing a free lock")


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A chain of coroutines awaiting coroutines and tasks returns through every level."""

# compare: micropython cpython

import asyncio


async def level(n):
    if n == 0:
        await asyncio.sleep(0.01)
        return 0
    if n % 2:
        return 1 + await level(n - 1)
    return 1 + await asyncio.create_task(level(n - 1))


async def main():
    print(await level(8))
    print(await asyncio.gather(level(3), level(4)))


asyncio.run(main())

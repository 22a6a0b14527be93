# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""wait_for gives the result of what ends in time."""

# compare: micropython cpython

import asyncio


async def work(x, t):
    await asyncio.sleep(t)
    return x * 10


async def main():
    print(await asyncio.wait_for(work(1, 0.01), 1))
    t = asyncio.create_task(work(2, 0.02))
    print(await asyncio.wait_for(t, 1))
    print(await asyncio.wait_for(work(3, 0), 0.5))


asyncio.run(main())

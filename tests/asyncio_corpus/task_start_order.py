# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Tasks start in the order they were made, once their maker yields, and take turns at each
sleep(0).
"""

# compare: micropython cpython

import asyncio


async def worker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    print(name, "done")


async def main():
    for name, n in (("a", 3), ("b", 1), ("c", 2)):
        asyncio.create_task(worker(name, n))
    print("made")
    await asyncio.sleep(0)
    print("main after one yield")
    for _ in range(4):
        await asyncio.sleep(0)
    print("main done")


asyncio.run(main())

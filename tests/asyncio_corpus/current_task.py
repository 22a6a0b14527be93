# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""current_task() is the running task; outside the loop it raises RuntimeError."""

# compare: micropython cpython

import asyncio

seen = []


async def task(n):
    seen.append((n, asyncio.current_task()))
    await asyncio.sleep(0)
    print(n, "same after yield", asyncio.current_task() is seen[n][1])


async def main():
    me = asyncio.current_task()
    t0 = asyncio.create_task(task(0))
    t1 = asyncio.create_task(task(1))
    await asyncio.sleep(0)
    print("task 0 saw itself", seen[0][1] is t0)
    print("task 1 saw itself", seen[1][1] is t1)
    await t0
    await t1
    print("main is main", asyncio.current_task() is me)


try:
    asyncio.current_task()
except RuntimeError:
    print("no task outside the loop")
asyncio.run(main())
try:
    asyncio.current_task()
except RuntimeError:
    print("no task after the loop")

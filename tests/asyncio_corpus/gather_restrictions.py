# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""MicroPython's gather refuses a task another task awaits, and a gathered task cannot be awaited
elsewhere.
"""

# compare: micropython
# cpython: differs - CPython gathers and awaits any task

import asyncio


async def child(x):
    await asyncio.sleep(0.02)
    return x


async def await_it(t):
    return await t


async def gather_them(*ts):
    return await asyncio.gather(*ts)


async def main():
    t = asyncio.create_task(child(1))
    w = asyncio.create_task(await_it(t))
    await asyncio.sleep(0)
    try:
        await asyncio.gather(t)
    except RuntimeError as e:
        print("RuntimeError", e.args)
    print("waiter got", await w)
    a = asyncio.create_task(child(2))
    g = asyncio.create_task(gather_them(a))
    await asyncio.sleep(0)
    try:
        await a
    except RuntimeError as e:
        print("RuntimeError", e.args)
    print("gather got", await g)


asyncio.run(main())

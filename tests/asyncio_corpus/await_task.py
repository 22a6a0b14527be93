# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Awaiting a task gives its result: while it runs, after it ended, and more than once."""

# compare: micropython cpython

import asyncio


async def value(x, t):
    await asyncio.sleep(t)
    print("value", x, "returns")
    return x


async def main():
    a = asyncio.create_task(value("a", 0.02))
    b = asyncio.create_task(value("b", 0))
    print("await a:", await a)
    print("b done already:", b.done())
    print("await b:", await b)
    print("await a again:", await a)
    c = asyncio.create_task(value("c", 0.01))
    waiters = [asyncio.create_task(waiter(c, i)) for i in range(3)]
    for w in waiters:
        await w


async def waiter(t, i):
    print("waiter", i, "got", await t)


asyncio.run(main())

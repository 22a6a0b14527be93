# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""When a child raises, gather raises it at once and the other children run on."""

# compare: micropython cpython

import asyncio


async def ok(name, t):
    await asyncio.sleep(t)
    print(name, "finished")
    return name


async def fail(t):
    await asyncio.sleep(t)
    print("fail raises")
    raise ValueError("child failed")


async def main():
    a = asyncio.create_task(ok("a", 0.05))
    try:
        await asyncio.gather(a, fail(0.01), ok("b", 0.03))
    except ValueError as e:
        print("gather raised", e.args, "a done:", a.done())
    await asyncio.sleep(0.1)
    print("a result", await a)


asyncio.run(main())

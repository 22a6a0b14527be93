# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A child that is cancelled makes gather raise CancelledError, or with return_exceptions gives it
as a result.
"""

# compare: micropython cpython

import asyncio


async def child(x):
    await asyncio.sleep(0.02)
    return x


async def main():
    t = asyncio.create_task(child(1))
    u = asyncio.create_task(child(2))
    t.cancel()
    r = await asyncio.gather(t, u, return_exceptions=True)
    print([type(x).__name__ for x in r])
    t = asyncio.create_task(child(3))
    u = asyncio.create_task(child(4))
    await asyncio.sleep(0)
    u.cancel()
    try:
        await asyncio.gather(t, u)
    except asyncio.CancelledError:
        print("gather raised CancelledError, t done:", t.done())
    print("t", await t)


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""When the awaited task swallows the forwarded cancel, the awaiting task goes on with its
result."""

# compare: micropython cpython

import asyncio


async def inner():
    try:
        await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        print("inner ignores the cancel")
    return 7


async def outer():
    r = await asyncio.create_task(inner())
    print("outer got", r)
    return r + 1


async def main():
    o = asyncio.create_task(outer())
    await asyncio.sleep(0.01)
    o.cancel()
    await asyncio.sleep(0.01)
    print("main:", await o)


asyncio.run(main())

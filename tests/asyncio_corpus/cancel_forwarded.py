# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Cancelling a task that awaits another task cancels that task; the exception comes back through
the await.
"""

# compare: micropython cpython

import asyncio


async def inner():
    try:
        print("inner sleeps")
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("inner cancelled")
        raise


async def outer():
    t = asyncio.create_task(inner())
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancelled, inner done:", t.done())
        raise


async def main():
    o = asyncio.create_task(outer())
    await asyncio.sleep(0.01)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        print("main saw outer cancelled")


asyncio.run(main())

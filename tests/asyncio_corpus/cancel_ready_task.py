# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Cancelling a task that is ready (woken, not yet run) and one that sleeps; both see
CancelledError in turn.
"""

# compare: micropython cpython

import asyncio


async def spin(name):
    try:
        for i in range(5):
            print(name, i)
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    a = asyncio.create_task(spin("a"))
    b = asyncio.create_task(spin("b"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("cancel a", a.cancel())
    print("cancel a again", a.cancel())
    await asyncio.sleep(0)
    print("cancel b", b.cancel())
    await asyncio.sleep(0.01)
    print(a.done(), b.done())


asyncio.run(main())

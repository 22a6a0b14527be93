# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""wait_for on an Event's wait(): set in time, and not."""

# compare: micropython cpython

import asyncio


async def set_later(ev, t):
    await asyncio.sleep(t)
    print("setting")
    ev.set()


async def main():
    ev = asyncio.Event()
    asyncio.create_task(set_later(ev, 0.02))
    print("in time:", await asyncio.wait_for(ev.wait(), 0.5))
    ev.clear()
    asyncio.create_task(set_later(ev, 0.1))
    try:
        await asyncio.wait_for(ev.wait(), 0.02)
    except asyncio.TimeoutError:
        print("timed out, set:", ev.is_set())
    await ev.wait()
    print("set later:", ev.is_set())


asyncio.run(main())

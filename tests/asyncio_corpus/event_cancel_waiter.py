# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A cancelled waiter leaves the event's queue; the others still wake."""

# compare: micropython cpython

import asyncio


async def waiter(ev, name):
    try:
        await ev.wait()
        print(name, "woke")
    except asyncio.CancelledError:
        print(name, "cancelled")


async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    ts[1].cancel()
    await asyncio.sleep(0)
    ev.set()
    await asyncio.sleep(0)
    t = asyncio.create_task(waiter(ev, "d"))
    ev.set()
    t.cancel()
    await asyncio.sleep(0)


asyncio.run(main())

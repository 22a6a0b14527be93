# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A woken waiter returns from wait() even if the event was cleared before it ran."""

# compare: micropython cpython

import asyncio


async def waiter(ev):
    await ev.wait()
    print("waiter woke, event set:", ev.is_set())


async def main():
    ev = asyncio.Event()
    asyncio.create_task(waiter(ev))
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Event: is_set, set, clear; every waiter is woken, in the order it came."""

# compare: micropython cpython

import asyncio


async def waiter(ev, name):
    print(name, "waits")
    r = await ev.wait()
    print(name, "woke with", r)


async def main():
    ev = asyncio.Event()
    print(ev.is_set())
    ev.set()
    print(ev.is_set())
    print("wait on a set event:", await ev.wait())
    ev.clear()
    print(ev.is_set())
    for name in ("a", "b", "c"):
        asyncio.create_task(waiter(ev, name))
    await asyncio.sleep(0)
    print("setting")
    ev.set()
    print("set; nobody ran yet")
    await asyncio.sleep(0)
    print("main again")


asyncio.run(main())

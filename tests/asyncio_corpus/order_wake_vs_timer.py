# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Tasks woken by an event or a finished task go after a sleeper that fell due before they were
woken.
"""

# compare: micropython
# cpython: differs - CPython runs the woken tasks before the sleeper that fell due

import asyncio
import time


async def sleeper():
    await asyncio.sleep(0.03)
    print("sleeper")


async def waiter(ev):
    await ev.wait()
    print("event waiter")


async def worker():
    await asyncio.sleep(0)
    time.sleep(0.08)
    return "worker result"


async def joiner(t):
    print("joiner got", await t)


async def main():
    ev = asyncio.Event()
    asyncio.create_task(sleeper())
    asyncio.create_task(waiter(ev))
    w = asyncio.create_task(worker())
    asyncio.create_task(joiner(w))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    ev.set()
    print("set")
    await asyncio.sleep(0.15)


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Task switching, sleeping and a ThreadSafeFlag set from a
micropython.schedule callback, with MicroPython's heap locked
(micropython.heap_lock(): any allocation raises MemoryError), on
asynccp.asyncio; run by tests/test_net_microdot.py on MicroPython's unix
port. The tasks, and the flag's wait, are made before the heap is locked."""

import micropython

import asynccp.asyncio as asyncio

count = [0, 0]
flag = asyncio.ThreadSafeFlag()


def irq(_):
    flag.set()  # allocates nothing


async def a():
    for _ in range(100):
        count[0] += 1
        await asyncio.sleep_ms(1)


async def b():
    for _ in range(100):
        count[1] += 1
        await asyncio.sleep_ms(0)


async def main():
    ta = asyncio.create_task(a())
    tb = asyncio.create_task(b())
    w = flag.wait()  # (awaiting it allocates nothing more)
    await asyncio.sleep_ms(0)
    micropython.heap_lock()
    try:
        for _ in range(50):
            await asyncio.sleep_ms(2)
        micropython.schedule(irq, None)
        await w
        ok = "flag"
    finally:
        micropython.heap_unlock()
    await ta
    await tb
    print("heap locked:", count, ok)


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Plain generators are tasks too (yield from instead of await), as on MicroPython and SAMD21
boards.
"""

# compare: micropython
# cpython: n/a - CPython's asyncio takes coroutines only

import asyncio


def blink(name, n, t):
    for i in range(n):
        print(name, i)
        yield from asyncio.sleep(t)
    return name


def main():
    ev = asyncio.Event()
    a = asyncio.create_task(blink("a", 3, 0.02))
    b = asyncio.create_task(blink("b", 2, 0.03))
    r = yield from asyncio.gather(a, b)
    print(r)
    asyncio.create_task(setter(ev))
    print("event", (yield from ev.wait()))
    lock = asyncio.Lock()
    yield from lock.acquire()
    lock.release()
    print("waited", (yield from asyncio.wait_for(blink("c", 1, 0), 1)))
    return "end"


def setter(ev):
    yield from asyncio.sleep(0.01)
    ev.set()


print(asyncio.run(main()))

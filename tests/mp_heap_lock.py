# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Waiting with nothing to do, task switching, sleeping, an Event set from
a callback that another thread schedules, and a ThreadSafeFlag set from a
micropython.schedule callback, all with MicroPython's heap locked
(micropython.heap_lock(): any allocation raises MemoryError), on
asynccp.asyncio; run by tests/test_net_microdot.py on MicroPython's unix
port. The tasks, the awaitables and the callbacks are made before the heap
is locked, and as many tasks wait at once once before (the loop's table of
waiting tasks grows to the most there have been), and it is unlocked before
the tasks end (on MicroPython a generator's end makes a StopIteration: no
loop can end a task with the heap locked)."""

import _thread
import time

import micropython

import asynccp.asyncio as asyncio

count = [0, 0]
flag = asyncio.ThreadSafeFlag()
ev = asyncio.Event()  # set from outside while every task waits
go = asyncio.Event()


def irq(_):
    flag.set()  # allocates nothing


def set_ev(_):
    ev.set()


def later():
    time.sleep_ms(30)
    micropython.schedule(set_ev, None)  # what an interrupt handler does


async def forever(i, ms):
    await go.wait()
    while True:
        count[i] += 1
        await asyncio.sleep_ms(ms)


async def main():
    ta = asyncio.create_task(forever(0, 1))
    tb = asyncio.create_task(forever(1, 0))
    w = flag.wait()  # (awaiting these allocates nothing more)
    e = ev.wait()
    warm = asyncio.Event()

    async def warm_up():
        await asyncio.sleep_ms(1)
        warm.set()

    asyncio.create_task(warm_up())
    await warm.wait()  # ta and tb wait for go, and this task too
    ok = [None, None]
    _thread.start_new_thread(later, ())
    micropython.heap_lock()
    try:
        await e  # every task waits: the loop waits, for the callback
        ok[0] = "event"
        go.set()
        for _ in range(50):
            await asyncio.sleep_ms(2)
        micropython.schedule(irq, None)
        await w
    finally:
        micropython.heap_unlock()
    ok[1] = "flag"
    ta.cancel()
    tb.cancel()
    print("heap locked:", count[0] > 10, count[1] > 10, ok)


asyncio.run(main())

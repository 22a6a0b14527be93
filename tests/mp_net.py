# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Streams and ThreadSafeFlag on MicroPython's unix port (select.poll), run
by tests/test_net_microdot.py: echo with every read, refused, a time-out
through wait_for, a flag set from a micropython.schedule callback while the
loop has nothing else to do, an Event set from a callback scheduled by
another thread while every task waits. Prints one line per check."""

import _thread
import sys
import time

import micropython

import asynccp.asyncio as asyncio

PORT = int(sys.argv[1])
FREE = int(sys.argv[2])  # a port nobody listens on


async def handler(r, w):
    line = await r.readline()
    head = await r.readexactly(3)
    buf = bytearray(4)
    n = await r.readinto(buf)
    w.write(line.upper() + head + bytes(buf[:n]))
    await w.drain()
    await asyncio.sleep(0.2)  # the client times out meanwhile
    w.write(b"late\n")
    await w.drain()
    await w.wait_closed()


async def main():
    srv = await asyncio.start_server(handler, "127.0.0.1", PORT)
    r, w = await asyncio.open_connection("127.0.0.1", PORT)
    w.write(b"hello\nabcdefg")
    await w.drain()
    print("echo", await r.readexactly(13))
    try:
        await asyncio.wait_for(r.readline(), 0.02)
    except asyncio.TimeoutError:
        print("timeout")
    print("after", await r.readline(), await r.read())
    await w.wait_closed()
    try:
        await asyncio.open_connection("127.0.0.1", FREE)
    except OSError as e:
        print("refused", e.errno)
    srv.close()
    await srv.wait_closed()
    print("closed", srv.task.done())

    flag = asyncio.ThreadSafeFlag()
    ev = asyncio.Event()

    def soft_irq(_):
        flag.set()  # what an interrupt handler does
        ev.set()  # (in a scheduled callback, an Event may be set too)

    async def waiter():
        await ev.wait()
        return "event"

    t = asyncio.create_task(waiter())
    micropython.schedule(soft_irq, None)
    await flag.wait()  # nothing else to do: the loop waits, no deadlock error
    print("flag", await t)

    # Every task waits on an Event and none sleeps: the loop waits (as
    # MicroPython's asyncio does), and a callback that another thread
    # schedules 50 ms later (as an interrupt handler would) sets it.
    ev2 = asyncio.Event()

    def later():
        time.sleep_ms(50)
        micropython.schedule(lambda _: ev2.set(), None)

    _thread.start_new_thread(later, ())
    print("event from outside", await ev2.wait())


asyncio.run(main())

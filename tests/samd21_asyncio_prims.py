# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# An asyncio program in generator form with gather, Event, wait_for (one
# time-out), Queue, Lock and one cancel.
import asynccp.asyncio as asyncio

out = []


def producer(q, n):
    for i in range(n):
        yield from q.put(i)
        yield from asyncio.sleep(0.05)


def consumer(q, lock, n):
    for _ in range(n):
        x = yield from q.get()
        yield from lock.acquire()
        try:
            out.append(x)
            yield from asyncio.sleep(0.01)
        finally:
            lock.release()
    return n


def waiter(ev):
    yield from ev.wait()
    return "set"


def slow():
    yield from asyncio.sleep(10)


def forever(log):
    try:
        yield from asyncio.sleep(60)
    except asyncio.CancelledError:
        log.append("cancelled")
        raise


def main():
    q = asyncio.Queue()
    lock = asyncio.Lock()
    ev = asyncio.Event()
    log = []
    w = asyncio.create_task(waiter(ev))
    f = asyncio.create_task(forever(log))
    got = yield from asyncio.gather(producer(q, 10), consumer(q, lock, 5), consumer(q, lock, 5))
    ev.set()
    log.append((yield from w))
    try:
        yield from asyncio.wait_for(slow(), 0.2)
    except asyncio.TimeoutError:
        log.append("timeout")
    f.cancel()
    yield from asyncio.sleep(0)
    print("prims", got[1], got[2], len(out), sum(out), *log)


asyncio.run(main())

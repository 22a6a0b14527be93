# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A cancel forwarded to the running task (a task cancels the task awaiting it) does nothing
in MicroPython's asyncio: its next await drops it."""

# compare: micropython
# cpython: differs - CPython cancels the running task at its next await

import asyncio


async def worker():
    print("worker cancels its waiter:", waiter_task.cancel())
    await asyncio.sleep(0)
    print("worker goes on")
    return "result"


async def waiter():
    try:
        print("waiter got", await worker_task)
    except asyncio.CancelledError:
        print("waiter cancelled")


async def main():
    global worker_task, waiter_task
    waiter_task = asyncio.create_task(waiter())
    worker_task = asyncio.create_task(worker())
    await waiter_task
    print("worker done:", worker_task.done())


asyncio.run(main())

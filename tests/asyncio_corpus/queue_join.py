# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""join() waits until task_done() was called for every item; too many task_done() calls raise
ValueError.
"""

# compare: cpython
# micropython: n/a - no Queue in its asyncio (before 1.29); asynccp there prints CPython's output

import asyncio


async def worker(q, name):
    while True:
        x = await q.get()
        await asyncio.sleep(0.05 * x)  # (50 ms apart at least: a busy machine is late)
        print(name, "did", x)
        q.task_done()


async def main():
    q = asyncio.Queue()
    for x in (5, 1, 2, 1):
        q.put_nowait(x)
    ws = [asyncio.create_task(worker(q, n)) for n in ("w1", "w2")]
    await q.join()
    print("all done, size", q.qsize())
    await q.join()
    print("join again returns at once")
    for w in ws:
        w.cancel()
    try:
        q.task_done()
    except ValueError:
        print("ValueError")
    await asyncio.sleep(0)


asyncio.run(main())

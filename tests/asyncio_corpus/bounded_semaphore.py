# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""BoundedSemaphore raises ValueError when released more often than acquired; Semaphore(-1) raises
ValueError.
"""

# compare: cpython
# micropython: n/a - no Semaphore in its asyncio; asynccp there prints CPython's output

import asyncio


async def main():
    b = asyncio.BoundedSemaphore(2)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError", e.args)
    s = asyncio.Semaphore(1)
    s.release()
    s.release()
    print("a Semaphore may go above its start:", s.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError", e.args)
    print(issubclass(asyncio.BoundedSemaphore, asyncio.Semaphore))


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Task.done() before a task starts, while it sleeps, and once it returned, raised or was
cancelled.
"""

# compare: micropython cpython
# (the handler hides the report of bad(), which CPython makes only at garbage collection)

import asyncio


async def quick():
    return 1


async def slow():
    await asyncio.sleep(0.05)


async def bad():
    raise ValueError("x")


async def main():
    asyncio.get_event_loop().set_exception_handler(lambda loop, context: None)
    q = asyncio.create_task(quick())
    s = asyncio.create_task(slow())
    b = asyncio.create_task(bad())
    print("before start", q.done(), s.done(), b.done())
    await asyncio.sleep(0)
    print("after a turn", q.done(), s.done(), b.done())
    s.cancel()
    print("cancel asked", s.done())
    await asyncio.sleep(0)
    print("after cancel", s.done())
    try:
        await b
    except ValueError:
        print("b raised")


asyncio.run(main())

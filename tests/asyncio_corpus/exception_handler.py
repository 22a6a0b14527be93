# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""set_exception_handler: the handler gets (loop, context) for an exception nobody retrieved;
get_exception_handler gives it back.
"""

# compare: micropython
# cpython: differs - CPython reports an unretrieved exception at garbage collection

import asyncio


def handler(loop, context):
    print(
        "handler:",
        context["message"],
        type(context["exception"]).__name__,
        context["exception"].args,
    )
    print(
        "same loop:",
        loop is asyncio.get_event_loop(),
        "future is a task:",
        isinstance(context["future"], asyncio.Task),
    )


async def fail(n):
    await asyncio.sleep(0)
    raise ValueError(n)


async def main():
    loop = asyncio.get_event_loop()
    print(loop.get_exception_handler())
    loop.set_exception_handler(handler)
    print(loop.get_exception_handler() is handler)
    asyncio.create_task(fail(1))
    asyncio.create_task(fail(2))
    for i in range(3):
        print("main", i)
        await asyncio.sleep(0)
    t = asyncio.create_task(fail(3))
    await asyncio.sleep(0)
    try:
        await t
    except ValueError:
        print("retrieved in time: no report")
    loop.set_exception_handler(None)


asyncio.run(main())

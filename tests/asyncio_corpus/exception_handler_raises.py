# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An exception raised by the exception handler leaves run()."""

# compare: micropython
# cpython: differs - CPython calls the handler at garbage collection and logs what it raises

import asyncio


def handler(loop, context):
    raise RuntimeError("from the handler")


async def fail():
    raise ValueError(1)


async def main():
    asyncio.get_event_loop().set_exception_handler(handler)
    asyncio.create_task(fail())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("not reached")


try:
    asyncio.run(main())
except RuntimeError as e:
    print("run raised", e.args)
asyncio.get_event_loop().set_exception_handler(None)

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""CancelledError is a BaseException (not an Exception); TimeoutError is an Exception and what
wait_for raises.
"""

# compare: micropython cpython

import asyncio


async def main():
    print(
        issubclass(asyncio.CancelledError, BaseException),
        issubclass(asyncio.CancelledError, Exception),
    )
    print(issubclass(asyncio.TimeoutError, Exception))

    async def slow():
        await asyncio.sleep(1)

    try:
        await asyncio.wait_for(slow(), 0.01)
    except Exception as e:
        print(isinstance(e, asyncio.TimeoutError))


asyncio.run(main())

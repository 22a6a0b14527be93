# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""MicroPython's wait_for raises TimeoutError even when the inner task swallows the cancel and
returns.
"""

# compare: micropython
# cpython: differs - CPython 3.11 returns the inner task's result

import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("ignoring the cancel")
    await asyncio.sleep(0.02)
    print("returning")
    return 5


async def main():
    try:
        print("result", await asyncio.wait_for(stubborn(), 0.02))
    except asyncio.TimeoutError:
        print("TimeoutError after the inner task ended")


asyncio.run(main())

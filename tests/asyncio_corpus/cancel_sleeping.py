# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Cancelling a sleeping task raises CancelledError at its sleep; finally blocks run; awaiting it
raises CancelledError.
"""

# compare: micropython cpython

import asyncio


async def sleeper():
    try:
        print("sleeping")
        await asyncio.sleep(10)
        print("not reached")
    finally:
        print("finally")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.01)
    print("cancel", t.cancel())
    print("done right after cancel()", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("await: CancelledError")
    print("done", t.done(), "cancel again", t.cancel())


asyncio.run(main())

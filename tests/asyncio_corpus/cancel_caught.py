# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A task may catch CancelledError and go on; awaiting it then gives what it returns."""

# compare: micropython cpython

import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("caught the cancel")
    await asyncio.sleep(0.01)
    print("going on")
    return "finished anyway"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0.01)
    t.cancel()
    print("await:", await t)
    print("CancelledError is an Exception:", issubclass(asyncio.CancelledError, Exception))


asyncio.run(main())

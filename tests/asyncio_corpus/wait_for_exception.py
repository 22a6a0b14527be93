# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An exception of the awaited coroutine comes out of wait_for."""

# compare: micropython cpython

import asyncio


async def bad():
    await asyncio.sleep(0.01)
    raise KeyError("inner")


async def main():
    try:
        await asyncio.wait_for(bad(), 1)
    except KeyError as e:
        print("KeyError", e.args)
    try:
        await asyncio.wait_for(bad(), None)
    except KeyError as e:
        print("KeyError with no timeout", e.args)


asyncio.run(main())

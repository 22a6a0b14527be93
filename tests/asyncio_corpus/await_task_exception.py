# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A task's exception reaches whoever awaits it, at once or later."""

# compare: micropython cpython

import asyncio


async def fail(msg, t):
    await asyncio.sleep(t)
    raise KeyError(msg)


async def main():
    t = asyncio.create_task(fail("now", 0.01))
    try:
        await t
    except KeyError as e:
        print("awaiting it:", e.args)
    u = asyncio.create_task(fail("earlier", 0))
    await asyncio.sleep(0)
    try:
        await u
    except KeyError as e:
        print("awaited after it ended:", e.args)
    try:
        await u
    except KeyError as e:
        print("and again:", e.args)


asyncio.run(main())

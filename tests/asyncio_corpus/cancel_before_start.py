# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A task cancelled before it first ran never runs its body."""

# compare: micropython cpython

import asyncio


async def body():
    print("body runs")
    await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(body())
    u = asyncio.create_task(body())
    print("cancel t", t.cancel())
    await asyncio.sleep(0)
    print("t done", t.done(), "u done", u.done())
    try:
        await t
    except asyncio.CancelledError:
        print("t was cancelled")
    await u
    print("u finished")


asyncio.run(main())

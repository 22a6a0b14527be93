# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""On time-out wait_for cancels the inner task, waits until it has ended, then raises
TimeoutError."""

# compare: micropython cpython

import asyncio


async def slow():
    try:
        print("slow starts")
        await asyncio.sleep(1)
    finally:
        print("slow's finally")


async def main():
    try:
        await asyncio.wait_for(slow(), 0.03)
    except asyncio.TimeoutError as e:
        print("TimeoutError", type(e).__name__, e.args)
    t = asyncio.create_task(slow())
    try:
        await asyncio.wait_for(t, 0.03)
    except asyncio.TimeoutError:
        print("timed out; the task is done:", t.done())


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Cancelling the task that awaits gather cancels every child still running."""

# compare: micropython
# cpython: differs - CPython's children end before the task awaiting gather sees its CancelledError

import asyncio


async def child(name, t):
    try:
        await asyncio.sleep(t)
        print(name, "finished")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def parent():
    try:
        await asyncio.gather(child("quick", 0.01), child("slow1", 1), child("slow2", 1))
    except asyncio.CancelledError:
        print("parent cancelled")
        raise


async def main():
    p = asyncio.create_task(parent())
    await asyncio.sleep(0.05)
    p.cancel()
    try:
        await p
    except asyncio.CancelledError:
        print("main: parent ended cancelled")
    await asyncio.sleep(0.01)


asyncio.run(main())

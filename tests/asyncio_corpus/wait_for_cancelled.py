# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Cancelling a task in wait_for cancels the awaited coroutine too."""

# compare: micropython
# cpython: differs - CPython's wait_for waits for the inner task to end, then raises

import asyncio


async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("inner cancelled")
        raise


async def waiter():
    try:
        await asyncio.wait_for(inner(), 2)
    except asyncio.CancelledError:
        print("waiter cancelled")
        raise


async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0.02)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main: waiter cancelled")


asyncio.run(main())

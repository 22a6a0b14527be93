# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A task cannot cancel itself in MicroPython's asyncio: RuntimeError("can't cancel self")."""

# compare: micropython
# cpython: differs - CPython's task cancels itself (CancelledError at its next await)

import asyncio


async def task():
    me = asyncio.current_task()
    try:
        me.cancel()
    except RuntimeError as e:
        print("RuntimeError", e.args)
    await asyncio.sleep(0)
    print("still running")


async def main():
    await asyncio.create_task(task())
    print("main done")


asyncio.run(main())

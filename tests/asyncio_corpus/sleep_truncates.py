# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""sleep(t) sleeps int(t * 1000) ms as MicroPython's: sleep(0.0009) is sleep(0)."""

# compare: micropython
# cpython: differs - CPython sleeps 0.9 ms: the other task runs to its end first

import asyncio


async def other():
    for i in range(3):
        print("other", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(other())
    await asyncio.sleep(0.0009)
    print("main after sleep(0.0009)")
    await asyncio.sleep(0.0001)
    print("main after sleep(0.0001)")


asyncio.run(main())

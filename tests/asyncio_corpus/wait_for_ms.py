# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""wait_for_ms takes the timeout in milliseconds (MicroPython's extension)."""

# compare: micropython
# cpython: n/a - wait_for_ms and sleep_ms are MicroPython's

import asyncio


async def work(t):
    await asyncio.sleep_ms(t)
    return t


async def main():
    print(await asyncio.wait_for_ms(work(10), 200))
    try:
        await asyncio.wait_for_ms(work(500), 20)
    except asyncio.TimeoutError:
        print("timeout")


asyncio.run(main())

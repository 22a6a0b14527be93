# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""sleep(0), sleep(-1), sleep_ms(0) and sleep_ms(-5) each yield once, in turn with other ready
tasks.
"""

# compare: micropython
# cpython: n/a - sleep_ms is MicroPython's

import asyncio


async def other():
    for i in range(4):
        print("other", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(other())
    await asyncio.sleep(0)
    print("after sleep(0)")
    await asyncio.sleep(-1)
    print("after sleep(-1)")
    await asyncio.sleep_ms(0)
    print("after sleep_ms(0)")
    await asyncio.sleep_ms(-5)
    print("after sleep_ms(-5)")


asyncio.run(main())

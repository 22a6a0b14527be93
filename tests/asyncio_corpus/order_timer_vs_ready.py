# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A sleeper that fell due while a task blocked runs before tasks readied after its due time
(MicroPython's order).
"""

# compare: micropython
# cpython: differs - CPython runs the ready tasks first, then the sleepers that fell due

import asyncio
import time


async def sleeper():
    await asyncio.sleep(0.03)
    print("sleeper")


async def blocker():
    await asyncio.sleep(0)
    time.sleep(0.08)
    print("blocker before its yield")
    await asyncio.sleep(0)
    print("blocker after its yield")


async def main():
    asyncio.create_task(sleeper())
    asyncio.create_task(blocker())
    await asyncio.sleep(0.15)


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Sleepers wake in the order of their due times, whatever order they slept in."""

# compare: micropython cpython

import asyncio


async def sleeper(name, t):
    await asyncio.sleep(t)
    print("woke", name)


async def main():
    asyncio.create_task(sleeper("slow", 0.15))
    asyncio.create_task(sleeper("fast", 0.05))
    asyncio.create_task(sleeper("mid", 0.1))
    asyncio.create_task(sleeper("zero", 0))
    print("sleeping")
    await asyncio.sleep(0.25)
    print("main woke")


asyncio.run(main())

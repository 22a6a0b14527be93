# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Two tasks take turns through two events."""

# compare: micropython cpython

import asyncio


async def player(name, mine, other, n):
    for i in range(n):
        await mine.wait()
        mine.clear()
        print(name, i)
        other.set()


async def main():
    ping = asyncio.Event()
    pong = asyncio.Event()
    a = asyncio.create_task(player("ping", ping, pong, 3))
    b = asyncio.create_task(player("pong", pong, ping, 3))
    ping.set()
    await a
    await b
    print("rally over")


asyncio.run(main())

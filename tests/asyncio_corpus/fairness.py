# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Tasks that only sleep(0) do not starve sleepers; sleepers run at their times."""

# compare: micropython cpython

import asyncio


async def spinner(stop):
    n = 0
    while not stop[0]:
        n += 1
        await asyncio.sleep(0)
    return n


async def periodic(name, t, k):
    for i in range(k):
        await asyncio.sleep(t)
        print(name, i)


async def main():
    stop = [False]
    s1 = asyncio.create_task(spinner(stop))
    s2 = asyncio.create_task(spinner(stop))
    await asyncio.gather(periodic("p40", 0.04, 3), periodic("p100", 0.1, 2))
    stop[0] = True
    print("the spinners spun:", await s1 > 10, await s2 > 10)


asyncio.run(main())

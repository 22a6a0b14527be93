# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""gather() runs coroutines as tasks and gives their results in the order given."""

# compare: micropython cpython

import asyncio


async def count(name, n, t):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(t)
    return name * n


async def main():
    r = await asyncio.gather(count("a", 3, 0.05), count("b", 2, 0.08), count("c", 1, 0))
    print(r)


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""run() returns as soon as its coroutine ends; tasks still going run on at the next run()."""

# compare: micropython
# cpython: differs - CPython's run() cancels the other tasks when main ends

import asyncio


async def ticker():
    for i in range(4):
        print("tick", i)
        await asyncio.sleep(0.1)


async def main(n):
    if n == 1:
        asyncio.create_task(ticker())
    await asyncio.sleep(0.15 if n == 1 else 0.1)
    print("main", n, "returns")
    return n


print(asyncio.run(main(1)))
print("between runs")
print(asyncio.run(main(2)))

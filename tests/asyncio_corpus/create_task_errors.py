# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""create_task refuses what is not a coroutine."""

# compare: micropython
# cpython: differs - CPython's messages differ

import asyncio


async def coro():
    return 1


async def main():
    for bad in (coro, 5, None):
        try:
            asyncio.create_task(bad)
        except TypeError as e:
            print("TypeError", e.args)
    print(await asyncio.create_task(coro()))


asyncio.run(main())

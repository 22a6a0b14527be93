# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""close() does nothing in MicroPython: the loop runs again afterwards."""

# compare: micropython
# cpython: differs - a closed CPython loop cannot run

import asyncio


async def hello(n):
    await asyncio.sleep(0)
    print("hello", n)


loop = asyncio.get_event_loop()
loop.run_until_complete(hello(1))
loop.close()
loop.run_until_complete(hello(2))

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""MicroPython's Lock says "Lock not acquired" when a free lock is released."""

# compare: micropython
# cpython: differs - CPython's text is 'Lock is not acquired.'

import asyncio


async def main():
    try:
        asyncio.Lock().release()
    except RuntimeError as e:
        print(e.args)


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""run() returns the main coroutine's result; awaiting a coroutine runs it inline."""

# compare: micropython cpython

import asyncio


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


async def main():
    a = await double(1)
    b = await double(a)
    print("inner", a, b)
    return a + b


print("result", asyncio.run(main()))
print("again", asyncio.run(double(21)))

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""With return_exceptions=True a child's exception takes its place in the results."""

# compare: micropython cpython

import asyncio


async def ok(x):
    await asyncio.sleep(0.01)
    return x


async def fail(x):
    await asyncio.sleep(0)
    raise ValueError(x)


async def main():
    r = await asyncio.gather(ok(1), fail(2), ok(3), fail(4), return_exceptions=True)
    print([type(x).__name__ for x in r])
    print([x if isinstance(x, int) else x.args for x in r])


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""wait_for with timeout None waits as long as it takes."""

# compare: micropython cpython

import asyncio


async def work():
    await asyncio.sleep(0.05)
    return "done"


async def main():
    print(await asyncio.wait_for(work(), None))


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""gather() takes tasks and coroutines together, and tasks that already ended."""

# compare: micropython cpython

import asyncio


async def val(x, t=0):
    await asyncio.sleep(t)
    return x


async def main():
    early = asyncio.create_task(val("early"))
    await asyncio.sleep(0)
    print("early done", early.done())
    running = asyncio.create_task(val("running", 0.02))
    print(await asyncio.gather(val("coro", 0.01), running, early))


asyncio.run(main())

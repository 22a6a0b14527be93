# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""get_event_loop().run_until_complete() runs a coroutine or a task to its end and gives its
result.
"""

# compare: micropython cpython

import asyncio


async def work(x):
    await asyncio.sleep(0.01)
    print("work", x)
    return x + 1


loop = asyncio.get_event_loop()
print(loop.run_until_complete(work(1)))
t = loop.create_task(work(10))
print(loop.run_until_complete(t))
print("task done", t.done())

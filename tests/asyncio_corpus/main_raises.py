# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An exception of the main coroutine leaves run(); tasks it made stay for the next run()."""

# compare: micropython
# cpython: differs - CPython's run() cancels the other tasks when main ends

import asyncio


async def background():
    for i in range(3):
        print("background", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(0)
    raise KeyError("main")


async def later():
    await asyncio.sleep(0.01)
    print("later done")


try:
    asyncio.run(main())
except KeyError as e:
    print("run raised", e.args)
asyncio.run(later())

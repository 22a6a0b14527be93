# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""new_event_loop() gives a fresh loop: tasks of the old one do not run on it."""

# compare: micropython
# cpython: differs - CPython's stop() ends the loop after the callbacks of the current iteration

import asyncio


async def task(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)


async def main(name):
    loop.create_task(task(name))
    await asyncio.sleep(0)
    print(name, "stops the loop")
    loop.stop()


loop = asyncio.get_event_loop()
loop.create_task(main("old"))
loop.run_forever()
loop = asyncio.new_event_loop()
loop.create_task(main("new"))
loop.run_forever()

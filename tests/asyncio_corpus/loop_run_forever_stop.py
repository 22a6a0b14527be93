# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""run_forever() runs until stop(); stop() takes effect after the tasks ready at that moment;
run_forever again goes on.
"""

# compare: micropython
# cpython: differs - CPython's stop() ends the loop after the callbacks of the current iteration

import asyncio


async def ticker(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(ticker("t"))
    await asyncio.sleep(0)
    print("stop")
    loop.stop()
    await asyncio.sleep(0)
    print("main resumed in the second run")
    loop.stop()


loop = asyncio.get_event_loop()
loop.create_task(main())
print("run 1")
loop.run_forever()
print("run 2")
loop.run_forever()
print("end")

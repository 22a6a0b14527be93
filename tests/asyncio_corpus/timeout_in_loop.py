# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""wait_for in a loop: a reading that is late is skipped, the loop goes on."""

# compare: micropython cpython

import asyncio


async def read_sensor(i):
    await asyncio.sleep(0.06 if i % 3 == 2 else 0.01)
    return i * i


async def main():
    got = []
    for i in range(6):
        try:
            got.append(await asyncio.wait_for(read_sensor(i), 0.03))
        except asyncio.TimeoutError:
            got.append("late")
    print(got)


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""With no handler MicroPython's asyncio prints the report on stderr and goes on."""

# compare: micropython
# cpython: differs - CPython prints 'Task exception was never retrieved' at garbage collection

import asyncio


async def fail():
    raise OSError(5, "device")


async def main():
    asyncio.create_task(fail())
    await asyncio.sleep(0)
    print("main goes on")
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""gather() of nothing gives an empty list."""

# compare: micropython cpython

import asyncio


async def main():
    print(await asyncio.gather())
    print(await asyncio.gather(return_exceptions=True))


asyncio.run(main())

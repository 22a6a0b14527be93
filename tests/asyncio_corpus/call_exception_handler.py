# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""call_exception_handler() calls the handler set, default_exception_handler() prints the report."""

# compare: micropython
# cpython: differs - CPython's context and report are not MicroPython's

import asyncio

loop = asyncio.get_event_loop()


def handler(lp, context):
    print("handler got", context["message"])
    lp.default_exception_handler(lp, context)


async def main():
    me = asyncio.current_task()
    loop.set_exception_handler(handler)
    loop.call_exception_handler({"message": "by hand", "exception": KeyError(1, 2), "future": me})
    loop.set_exception_handler(None)
    loop.call_exception_handler({"message": "default", "exception": KeyError(3, 4), "future": me})


asyncio.run(main())

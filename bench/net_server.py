# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The server side of bench/net.py: microdot 2.7.0 serving ``/`` on the
port given, on asynccp.asyncio (``asynccp``) or on the runtime's own asyncio
(``native``), with an 80 Hz task that records how late it runs. GET
/shutdown prints ``late <worst ms> runs <n>`` and ends the program. Runs on
CPython and on MicroPython's unix port."""

import sys

PORT = int(sys.argv[1])
if sys.argv[2] == "asynccp":
    import asynccp.asyncio as asyncio

    sys.modules["asyncio"] = asyncio
else:
    import asyncio

try:
    from time import ticks_diff, ticks_ms  # MicroPython
except ImportError:
    from time import monotonic

    def ticks_ms():
        return int(monotonic() * 1000)

    def ticks_diff(a, b):
        return a - b


from microdot import Microdot  # noqa: E402

app = Microdot()
state = {"late": 0, "runs": 0}


@app.route("/")
async def index(request):
    return "hello"


@app.route("/shutdown")
async def shutdown(request):
    request.app.shutdown()
    return "bye"


async def tick():
    # 80 Hz on a fixed grid: the k-th run is due at t0 + k * 12.5 ms
    t0 = ticks_ms()
    k = 0
    while True:
        k += 1
        due = t0 + (k * 1000) // 80
        wait = ticks_diff(due, ticks_ms())
        if wait > 0:
            await asyncio.sleep_ms(wait) if hasattr(asyncio, "sleep_ms") else await asyncio.sleep(
                wait / 1000
            )
        else:
            await asyncio.sleep(0)
        late = ticks_diff(ticks_ms(), due)
        if late > state["late"]:
            state["late"] = late
        state["runs"] += 1


async def main():
    t = asyncio.create_task(tick())
    await app.start_server(host="127.0.0.1", port=PORT)
    t.cancel()
    print("late", state["late"], "runs", state["runs"])


asyncio.run(main())

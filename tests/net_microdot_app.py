# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""microdot 2.7.0, unmodified, serving HTTP on asynccp.asyncio while an 80 Hz
schedule runs in the same program: run by tests/test_net_microdot.py on
CPython and on MicroPython's unix port.

``asyncio`` is asynccp.asyncio for microdot (``sys.modules``, before microdot
is imported). The program serves on the port given, and a client task in the
same program makes ``N`` requests over loopback through asynccp's own
``open_connection`` (good ones, 404s, a POST with a body, malformed ones), then
asks the app to shut down. It prints one line of results:
``ok <good> bad <answered malformed> ticks <count> expected <due times passed>
late <worst lateness ms>``.
"""

import sys

import asynccp
import asynccp.asyncio as asyncio
from asynccp.scheduler import BURST

sys.modules["asyncio"] = asyncio
from microdot import Microdot  # noqa: E402

PORT = int(sys.argv[1])
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200

app = Microdot()


@app.route("/")
async def index(request):
    return "hello"


@app.route("/double/<int:n>")
async def double(request, n):
    return str(2 * n)


@app.post("/echo")
async def echo(request):
    return request.body


@app.route("/shutdown")
async def shutdown(request):
    request.app.shutdown()
    return "bye"


lp = asynccp.get_loop()
state = {"count": 0, "t0": None, "late": 0}


def tick():
    now = lp._ticks()
    due = state["t0"] + (state["count"] * 1000) // 80  # the k-th due time (ms)
    late = now - due
    if late > state["late"]:
        state["late"] = late
    state["count"] += 1


async def ask(data):
    r, w = await asyncio.open_connection("127.0.0.1", PORT)
    w.write(data)
    await w.drain()
    out = await r.read()
    await w.wait_closed()
    return out


async def client():
    await asyncio.sleep(0.05)
    good = 0
    bad = 0
    for i in range(N):
        k = i % 5
        if k == 0:
            out = await ask(b"GET / HTTP/1.0\r\n\r\n")
            good += out.startswith(b"HTTP/1.0 200") and out.endswith(b"hello")
        elif k == 1:
            out = await ask(b"GET /double/%d HTTP/1.0\r\n\r\n" % i)
            good += out.endswith(b"%d" % (2 * i))
        elif k == 2:
            out = await ask(b"POST /echo HTTP/1.0\r\nContent-Length: 5\r\n\r\nabcde")
            good += out.endswith(b"abcde")
        elif k == 3:
            out = await ask(b"GET /nothere HTTP/1.0\r\n\r\n")
            good += out.startswith(b"HTTP/1.0 404")
        else:  # malformed: answered with an error or closed, nothing more
            out = await ask(b"\x00\xff garbage\r\n\r\n")
            bad += out == b"" or out.startswith(b"HTTP/1.0 4")
            good += 1
    await ask(b"GET /shutdown HTTP/1.0\r\n\r\n")
    return good, bad


async def main():
    asyncio.start_server  # its modules load now, not in the schedule's first period
    state["t0"] = lp._ticks()  # the schedule's grid starts now: its first run is due at once
    # BURST: a run the machine delays (another process has the core for
    # longer than a period) is made up at once, so a lost run is the
    # program's fault, never the machine's; the worst lateness is printed
    # (make bench measures it)
    st = asynccp.schedule(80, tick, catch_up=BURST)
    c = asyncio.create_task(client())
    await app.start_server(host="127.0.0.1", port=PORT)
    good, bad = await c
    t1 = lp._ticks()
    st.stop()
    expected = (t1 - state["t0"]) * 80 // 1000 + 1
    n = state["count"]
    print("ok", good, "bad", bad, "ticks", n, "expected", expected, "late", state["late"])


asyncio.run(main())

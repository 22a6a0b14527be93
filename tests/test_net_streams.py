# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Streams on CPython: asynccp.asyncio's open_connection, start_server and
Stream over loopback, on both of asynccp's ways to wait for a socket: polled
(CPython's ``socket`` with ``selectors``) and tried (``socketpool``, here the
stand-in for an Espressif board's in tests/socketpool_standin, which raises
CircuitPython's errno values and cannot be selected). Faults: refused, reset
mid-body, a slow client timed out while others are served, 10,000 connections
with nothing left behind, the network gone. Every peer listens on a free
loopback port and is closed by the test. No timed assertions."""

import gc
import os
import socket
import struct
import sys
from pathlib import Path

import pytest

import asynccp
import asynccp.asyncio as asyncio
from asynccp import core

sys.path.insert(0, str(Path(__file__).resolve().parent / "socketpool_standin"))
import socketpool  # the stand-in
import wifi

HOST = "127.0.0.1"


@pytest.fixture
def rloop():
    """A fresh loop on the real clock, the default loop for the test."""
    saved = core._default
    lp = core._default = asynccp.Loop()
    yield lp
    core._default = saved


@pytest.fixture(params=["polled", "tried"])
def pool(request):
    """None (the ``socket`` module, polled) or the socketpool stand-in (tried)."""
    socketpool.POOL_DOWN[0] = 0
    # an earlier test's sockets caught in reference cycles close now, not
    # between a test's two fds() counts
    gc.collect()
    yield None if request.param == "polled" else socketpool.SocketPool(wifi.radio)
    socketpool.POOL_DOWN[0] = 0


def fds():
    """Sockets (and files) open in this process: not the poller's own epoll
    descriptor, which lives until its loop's next turn."""
    n = 0
    for f in os.listdir("/proc/self/fd"):
        try:
            n += "eventpoll" not in os.readlink("/proc/self/fd/" + f)
        except OSError:
            pass
    return n


def shut(w):
    """Close the writing half of stream w's socket (the peer reads the end)."""
    s = w.get_extra_info("socket")
    getattr(s, "_s", s).shutdown(socket.SHUT_WR)  # (the stand-in's socket wraps one)


async def pause(t):
    await asyncio.sleep(t)


def left(lp):
    """What the loop still holds: timers, parked tasks, ready tasks."""
    return len(lp._k) + len(lp._w) + ((lp._t - lp._h) & lp._n)


def test_echo_every_read(rloop, pool):
    got = []

    async def handler(r, w):
        got.append(w.get_extra_info("peername")[0])
        line = await r.readline()
        head = await r.readexactly(3)
        buf = bytearray(4)
        n = await r.readinto(buf)
        rest = await r.read()  # to the end
        w.write(line.upper())
        w.write(f"{head.decode()}|{bytes(buf[:n]).decode()}|{rest.decode()}")
        await w.drain()
        await w.wait_closed()

    async def main():
        srv = await asyncio.start_server(handler, HOST, 0, pool=pool)
        r, w = await asyncio.open_connection(HOST, srv.port, pool=pool)
        w.write(b"hello\nabcdefg")
        await w.drain()
        await asyncio.sleep(0.05)
        w.write(b"XYZ")
        await w.drain()
        shut(w)
        out = await r.read()
        await w.wait_closed()
        srv.close()
        await srv.wait_closed()
        return out

    base = fds()
    out = asyncio.run(main())
    assert out == b"HELLO\nabc|defg|XYZ"
    assert got == [HOST]
    assert fds() == base
    assert socketpool.OPEN[0] == 0


def test_under_asyncio_run_a_socket_waits_in_poll_not_in_sleeps(rloop):
    # asyncio.run puts a stepped sleep of its own in the loop's place; the
    # poller must still wait in poll (once it took that sleep for a virtual
    # clock's and slept up to 10 ms per socket wait: about 100 requests/s)
    slept = []
    own = rloop._sleep

    def sleep(ms):
        slept.append(ms)
        own(ms)

    rloop._sleep = sleep

    async def echo(r, w):
        while line := await r.readline():
            w.write(line)
            await w.drain()
        w.close()

    async def main():
        srv = await asyncio.start_server(echo, HOST, 0)
        r, w = await asyncio.open_connection(HOST, srv.port)
        n = len(slept)
        for i in range(20):
            w.write(b"%d\n" % i)
            await w.drain()
            assert await r.readline() == b"%d\n" % i
        n = len(slept) - n
        w.close()
        srv.close()
        await srv.wait_closed()
        return n

    assert asyncio.run(main()) == 0  # 20 round trips, no sleep outside poll


def test_refused_is_a_clear_oserror_and_leaks_nothing(rloop, pool):
    s = socket.socket()
    s.bind((HOST, 0))
    port = s.getsockname()[1]
    s.close()  # nobody listens there now

    async def main():
        with pytest.raises(OSError) as e:
            await asyncio.open_connection(HOST, port, pool=pool)
        return e.value.errno

    base = fds()
    assert asyncio.run(main()) == 111  # ECONNREFUSED (Linux and newlib alike)
    assert fds() == base
    assert left(rloop) <= 1  # (at most the poller task, which ends by itself)


def test_wait_for_times_out_a_read_and_the_stream_goes_on(rloop, pool):
    done = asyncio.Event()

    async def handler(r, w):
        await asyncio.sleep(0.2)  # silent for a while
        w.write(b"late\n")
        await w.drain()
        await r.read()
        await w.wait_closed()
        done.set()

    async def main():
        srv = await asyncio.start_server(handler, HOST, 0, pool=pool)
        r, w = await asyncio.open_connection(HOST, srv.port, pool=pool)
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(r.readline(), 0.02)
        line = await r.readline()  # nothing was lost by the time-out
        await w.wait_closed()
        await done.wait()
        srv.close()
        await srv.wait_closed()
        return line

    base = fds()
    assert asyncio.run(main()) == b"late\n"
    assert fds() == base


def test_cancelled_connect_and_server_leak_nothing(rloop, pool):
    async def handler(r, w):
        await w.wait_closed()

    async def main():
        srv = await asyncio.start_server(handler, HOST, 0, pool=pool)
        # a connect cancelled at once: its socket is closed
        t = asyncio.create_task(asyncio.open_connection(HOST, srv.port, pool=pool))
        await asyncio.sleep(0)
        t.cancel()
        with pytest.raises(asyncio.CancelledError):
            await t
        async with srv:
            pass  # closes the server
        return srv

    base = fds()
    srv = asyncio.run(main())
    asyncio.run(pause(0.05))  # the handlers of connections that came in end
    assert srv.task.done()
    assert fds() == base
    assert socketpool.OPEN[0] == 0


def test_server_task_cancelled_closes_its_socket(rloop, pool):
    async def main():
        srv = await asyncio.start_server(lambda r, w: None, HOST, 0, pool=pool)
        port = srv.port
        srv.task.cancel()  # not closed: the cancellation goes on
        with pytest.raises(asyncio.CancelledError):
            await srv.wait_closed()
        with pytest.raises(OSError):
            await asyncio.open_connection(HOST, port, pool=pool)

    base = fds()
    asyncio.run(main())
    assert fds() == base


def test_a_slow_client_times_out_while_others_are_served(rloop, pool):
    served = []
    timed_out = []

    async def handler(r, w):
        try:
            line = await asyncio.wait_for(r.readline(), 0.3)
            w.write(line)
            await w.drain()
            served.append(line)
        except asyncio.TimeoutError:
            timed_out.append(w.get_extra_info("peername"))
        await w.wait_closed()

    async def slow(port):
        r, w = await asyncio.open_connection(HOST, port, pool=pool)
        for c in b"slow\n":  # one byte a "second" (scaled down: 0.2 s)
            w.write(bytes([c]))
            try:
                await w.drain()
            except OSError:
                break
            await asyncio.sleep(0.2)
        rest = await r.read()
        await w.wait_closed()
        return rest

    async def fast(port, i):
        r, w = await asyncio.open_connection(HOST, port, pool=pool)
        w.write(b"fast %d\n" % i)
        await w.drain()
        line = await r.readline()
        await w.wait_closed()
        return line

    async def main():
        srv = await asyncio.start_server(handler, HOST, 0, pool=pool)
        s = asyncio.create_task(slow(srv.port))
        lines = await asyncio.gather(*[fast(srv.port, i) for i in range(20)])
        rest = await s
        srv.close()
        await srv.wait_closed()
        return lines, rest

    base = fds()
    lines, rest = asyncio.run(main())
    assert lines == [b"fast %d\n" % i for i in range(20)]
    assert rest == b""  # the server closed the slow one without an answer
    assert len(timed_out) == 1 and len(served) == 20
    assert fds() == base


def test_a_peer_reset_mid_body_ends_that_connection_only(rloop, pool):
    results = []

    async def handler(r, w):
        try:
            await r.readline()
            body = await r.readexactly(100)
            results.append(len(body))
            w.write(b"ok\n")
            await w.drain()
        except (OSError, EOFError) as e:
            results.append(type(e).__name__)
        await w.wait_closed()

    async def main():
        srv = await asyncio.start_server(handler, HOST, 0, pool=pool)
        # a raw client that sends part of the body, then resets (RST)
        c = socket.create_connection((HOST, srv.port))
        c.sendall(b"len 100\n" + b"x" * 10)
        await asyncio.sleep(0.05)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()
        r, w = await asyncio.open_connection(HOST, srv.port, pool=pool)
        w.write(b"len 100\n" + b"y" * 100)
        await w.drain()
        ok = await r.readline()
        await w.wait_closed()
        srv.close()
        await srv.wait_closed()
        return ok

    base = fds()
    assert asyncio.run(main()) == b"ok\n"
    assert results[0] in ("ConnectionResetError", "OSError", "EOFError")
    assert results[1] == 100
    assert fds() == base


def test_malformed_input_is_only_that_connections_problem(rloop, pool):
    async def handler(r, w):
        line = await r.readline()
        try:
            n = int(line)
            w.write(b"%d\n" % (n * 2))
        except ValueError:
            w.write(b"bad\n")
        await w.drain()
        await w.wait_closed()

    async def ask(port, data):
        r, w = await asyncio.open_connection(HOST, port, pool=pool)
        w.write(data)
        await w.drain()
        shut(w)
        out = await r.read()
        await w.wait_closed()
        return out

    async def main():
        srv = await asyncio.start_server(handler, HOST, 0, pool=pool)
        out = await asyncio.gather(
            ask(srv.port, b"21\n"), ask(srv.port, b"\xff\x00zz\n"), ask(srv.port, b"")
        )
        srv.close()
        await srv.wait_closed()
        return out

    assert asyncio.run(main()) == [b"42\n", b"bad\n", b"bad\n"]


@pytest.mark.parametrize("n", [10000])
def test_ten_thousand_connections_leave_nothing_behind(rloop, n):
    count = [0]

    async def handler(r, w):
        w.write(await r.readline())
        await w.drain()
        await w.wait_closed()
        count[0] += 1

    async def client(port, i):
        r, w = await asyncio.open_connection(HOST, port)
        w.write(b"%d\n" % i)
        await w.drain()
        line = await r.readline()
        await w.wait_closed()
        return line == b"%d\n" % i

    async def main():
        srv = await asyncio.start_server(handler, HOST, 0, backlog=128)
        ok = 0
        for k in range(0, n, 50):  # 50 at a time
            ok += sum(await asyncio.gather(*[client(srv.port, i) for i in range(k, k + 50)]))
        srv.close()
        await srv.wait_closed()
        await asyncio.sleep(0.05)
        return ok

    base = fds()
    assert asyncio.run(main()) == n
    assert count[0] == n
    assert fds() == base  # no socket left
    assert left(rloop) <= 1  # no task left but the poller task, which ends at its next turn
    asyncio.run(pause(0.05))
    assert left(rloop) == 0
    from asynccp import io

    assert rloop not in io._pollers


def test_the_network_gone_is_an_oserror_in_that_task_only(rloop):
    pool = socketpool.SocketPool(wifi.radio)
    ticks = []

    async def ticker():
        for _ in range(30):
            ticks.append(1)
            await asyncio.sleep(0.01)

    async def handler(r, w):
        try:
            await r.read()
        except OSError:
            pass
        w.close()

    async def user(port):
        r, w = await asyncio.open_connection(HOST, port, pool=pool)
        w.write(b"hi")
        await w.drain()
        socketpool.POOL_DOWN[0] = 113  # ECONNABORTED on newlib: the Wi-Fi went away
        try:
            await r.read(10)
        except OSError as e:
            return e.errno
        finally:
            socketpool.POOL_DOWN[0] = 0
            w.close()

    async def main():
        t = asyncio.create_task(ticker())
        srv = await asyncio.start_server(handler, HOST, 0, pool=pool)
        errno = await user(srv.port)
        await t
        srv.close()
        await srv.wait_closed()
        return errno

    try:
        assert asyncio.run(main()) == 113
    finally:
        socketpool.POOL_DOWN[0] = 0
    assert len(ticks) == 30  # the other task went on
    assert socketpool.OPEN[0] == 0


def test_a_socketpool_is_found_when_there_is_no_socket_module(tmp_path):
    # CircuitPython has no `socket`: the library makes
    # socketpool.SocketPool(wifi.radio) itself (here the stand-ins)
    import subprocess

    code = (
        "import sys; sys.path.insert(0, {!r})\n"
        "import socketpool, wifi\n"
        "sys.modules['socket'] = None\n"
        "import asynccp.asyncio as asyncio\n"
        "from asynccp.asyncio import stream\n"
        "async def h(r, w):\n"
        "    w.write(await r.readline()); await w.drain(); await w.wait_closed()\n"
        "async def main():\n"
        "    srv = await asyncio.start_server(h, '127.0.0.1', 0)\n"
        "    r, w = await asyncio.open_connection('127.0.0.1', srv.port)\n"
        "    w.write(b'pool\\n'); await w.drain(); print((await r.readline()).decode().strip())\n"
        "    await w.wait_closed(); srv.close(); await srv.wait_closed()\n"
        "    print(type(stream._pool).__name__, w.p, socketpool.OPEN[0])\n"
        "asyncio.run(main())\n"
    ).format(str(Path(__file__).resolve().parent / "socketpool_standin"))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["pool", "SocketPool", "False", "0"]


def test_thread_safe_flag_wakes_its_waiter_and_the_loop_waits(rloop):
    import threading

    flag = asyncio.ThreadSafeFlag()

    async def main():
        threading.Timer(0.05, flag.set).start()  # set from outside the loop
        await flag.wait()  # nothing else runs: the loop waits, no deadlock error
        assert flag.state == 0  # wait() cleared it
        flag.set()
        await flag.wait()  # set already: at once
        return "woken"

    assert asyncio.run(main()) == "woken"

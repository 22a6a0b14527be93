# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Streams, as MicroPython's asyncio has them: open_connection(),
start_server() and its Server, and Stream (also named StreamReader and
StreamWriter). Loaded on first use of one of those names.

Sockets come from a pool: on MicroPython and CPython the ``socket`` module
(waited on with ``select.poll`` or ``selectors``); on CircuitPython, which
has no ``socket`` module, ``socketpool.SocketPool(wifi.radio)``, made once
when first needed (tried, never selected: see :mod:`asynccp.io`). A program
may pass its own pool as ``pool=`` (a ``socketpool.SocketPool``, say one of
an Ethernet or AirLift interface, or the ``socket`` module).
"""

from .. import core as _core
from .. import io as _io
from ..awaitable import _Aw
from . import create_task, sleep_ms

_core._gc()

_pool = None  # the pool found for the program, once it is needed
_CHUNK = 512  # how much a read asks the socket for at most


def _find(pool):
    # (the pool, whether its sockets are polled)
    global _pool
    if pool is None:
        if _pool is None:
            try:
                import socket as _pool  # MicroPython, CPython
            except ImportError:  # CircuitPython: the board's Wi-Fi
                import socketpool
                import wifi

                _pool = socketpool.SocketPool(wifi.radio)
        pool = _pool
    # polled: the socket module (not a SocketPool), except on CircuitPython
    return pool, not _io._CIRCUITPY and type(pool) is type(_io)


def _again(e):
    # a non-blocking call's "not yet"
    return e.errno == _io._EAGAIN or isinstance(e, BlockingIOError)


try:
    BlockingIOError
except NameError:  # MicroPython, CircuitPython

    class BlockingIOError(OSError):  # never raised there: for isinstance only
        pass


class Stream:
    """A TCP connection, for reading and writing (MicroPython's
    ``asyncio.Stream``; StreamReader and StreamWriter are this class).

    Made by :func:`open_connection` and by a server for each connection.
    Reads yield until data is there; ``write`` buffers and ``drain`` sends.
    A connection reset or a network gone raises OSError from the read or
    drain that meets it, in that task only. Cancelling a task in a read or
    drain leaves the stream usable (what was read stays buffered).
    """

    def __init__(self, s, e=None, polled=True):
        self.s = s
        self.e = e or {}
        self.p = polled
        self.b = b""  # read but not yet taken
        self.o = b""  # written but not yet sent

    def get_extra_info(self, v):
        """``"peername"`` (the peer's address, for a server's stream) or
        ``"socket"``; KeyError for anything else."""
        if v == "socket":
            return self.s
        return self.e[v]

    # -- reading

    def _recv(self, n):
        # up to n bytes from the socket: b"" at the end, None for "not yet"
        s = self.s
        if s is None:
            raise OSError(9, "stream closed")  # EBADF
        try:
            if self.p:
                return s.recv(n)
            b = bytearray(n)
            return bytes(b[: s.recv_into(b, n)])
        except OSError as e:
            if _again(e):
                return None
            if not self.p and e.errno == _io._ENOTCONN:  # socketpool: the peer closed
                return b""
            raise

    def _more(self, n):
        # generator: n bytes more (or fewer, b"" at the end), waiting for them
        while True:
            r = self._recv(n)
            if r is not None:
                return r
            yield from _io.wait(self.s, False, self.p)

    def read(self, n=-1):
        """``await stream.read(n)``: up to ``n`` bytes, as soon as some are
        there (b"" at the end of the stream); ``n`` = -1 reads to the end."""
        return _Aw(self._read(n))

    def _read(self, n):
        if n == 0:
            return b""
        if self.b:
            if n < 0:
                r = self.b
                self.b = b""
            else:
                r = self.b[:n]
                self.b = self.b[n:]
                return r
        else:
            r = b""
        while True:
            r2 = yield from self._more(_CHUNK if n < 0 else n)
            if n >= 0 or not r2:
                return r2 if n >= 0 else r
            r += r2

    def readinto(self, buf):
        """``await stream.readinto(buf)``: read into ``buf`` (a bytearray or
        memoryview) as soon as some bytes are there; how many (0 at the
        end)."""
        return _Aw(self._readinto(buf))

    def _readinto(self, buf):
        r = yield from self._read(len(buf))
        buf[: len(r)] = r
        return len(r)

    def readexactly(self, n):
        """``await stream.readexactly(n)``: exactly ``n`` bytes; EOFError if
        the stream ends first (what was read is lost)."""
        return _Aw(self._readexactly(n))

    def _readexactly(self, n):
        r = b""
        while n:
            r2 = yield from self._read(n)
            if not r2:
                raise EOFError
            r += r2
            n -= len(r2)
        return r

    def readline(self):
        """``await stream.readline()``: up to and including the next
        ``b"\\n"``; at the end of the stream what is left (b"" then)."""
        return _Aw(self._readline())

    def _readline(self):
        while True:
            i = self.b.find(b"\n")
            if i >= 0:
                r = self.b[: i + 1]
                self.b = self.b[i + 1 :]
                return r
            r2 = yield from self._more(_CHUNK)
            if not r2:
                r = self.b
                self.b = b""
                return r
            self.b += r2

    # -- writing

    def write(self, buf):
        """Buffer ``buf`` (bytes, bytearray, memoryview or str) to be sent:
        :meth:`drain` sends it. Does not yield."""
        if type(buf) is str:
            buf = bytes(buf, "utf-8")
        if self.o or type(buf) is not bytes:
            self.o += buf
        else:
            self.o = buf  # (bytes do not change: no copy)

    def drain(self):
        """``await stream.drain()``: send everything written. Yields while
        the socket cannot take more, and once if nothing was written; what
        the socket takes at once is sent without yielding. OSError if the
        connection is gone (what was not sent is dropped)."""
        return _Aw(self._drain())

    def _drain(self):
        o = self.o
        if not o:
            yield from sleep_ms(0)
            return
        self.o = b""
        s = self.s
        if s is None:
            raise OSError(9, "stream closed")
        while True:
            try:
                n = s.send(o)
            except OSError as e:
                if not _again(e):
                    raise
                n = None
            if n is None:
                yield from _io.wait(s, True, self.p)
            elif n < len(o):
                o = memoryview(o)[n:]  # (a view only once a send fell short)
            else:
                return

    def awrite(self, buf, off=0, sz=-1):
        """``await stream.awrite(buf)``: :meth:`write` then :meth:`drain`
        (MicroPython's legacy name; ``off`` and ``sz`` take a slice)."""
        if off or sz != -1:
            buf = memoryview(buf)
            buf = buf[off : len(buf) if sz < 0 else off + sz]
        self.write(buf)
        return self.drain()

    awritestr = awrite

    # -- closing

    def close(self):
        """Close the connection. Does not yield. What was written and not
        drained is tried once, without waiting. Calling it again does
        nothing."""
        s = self.s
        if s is not None:
            self.s = None
            if self.o:
                try:
                    s.send(self.o)
                except OSError:
                    pass
                self.o = b""
            _io.forget(s)
            s.close()

    def wait_closed(self):
        """``await stream.wait_closed()``: close (if not closed yet), after
        sending what was written (errors in that are ignored)."""
        return _Aw(self._wait_closed())

    def _wait_closed(self):
        if self.s is not None and self.o:
            try:
                yield from self._drain()
            except OSError:
                pass
        self.close()
        yield from sleep_ms(0)

    aclose = wait_closed

    def __aenter__(self):
        return _Aw(_value(self))

    def __aexit__(self, *args):
        return self.wait_closed()


StreamReader = Stream
StreamWriter = Stream


def _value(v):
    return v
    yield  # (a generator)


def _socket(pool, host, port):
    # a non-blocking TCP socket from pool and the address for host, port
    ai = pool.getaddrinfo(host, port, 0, pool.SOCK_STREAM)[0]
    s = pool.socket(ai[0], ai[1], ai[2])
    try:
        s.setblocking(False)
    except BaseException:
        s.close()
        raise
    return s, ai[-1]


# -------------------------------------------------------------- client


def open_connection(host, port, ssl=None, server_hostname=None, pool=None):
    """``reader, writer = await asyncio.open_connection(host, port)``: a TCP
    connection; both are the same :class:`Stream`.

    Yields until connected. OSError if it cannot connect (ECONNREFUSED, a
    network gone); no time-out of its own: use ``wait_for``. Cancelled (or
    timed out) while connecting, it closes the socket. ``ssl`` is not
    supported (NotImplementedError for anything but None or False).
    ``pool``: where sockets come from (see the module's docstring).
    """
    if ssl:
        raise NotImplementedError("ssl")
    return _Aw(_open(host, port, pool))


def _open(host, port, pool):
    pool, polled = _find(pool)
    s, addr = _socket(pool, host, port)
    try:
        if polled:
            try:
                s.connect(addr)
            except OSError as e:
                if not _again(e) and e.errno not in (115, 36):  # EINPROGRESS: Linux, macOS
                    raise
            yield from _io.wait(s, True, True)
            try:  # a failed connect (ECONNREFUSED, ...) raises its error here
                getattr(s, "getsockopt", None) and _err(s)
                s.send(b"")
            except OSError as e:
                if not _again(e):
                    raise
        else:
            # socketpool: a non-blocking connect raises "not yet" (ETIMEDOUT,
            # then EALREADY) until it raises EISCONN (see asynccp.io)
            while True:
                try:
                    s.connect(addr)
                    break
                except OSError as e:
                    if e.errno == _io._EISCONN:
                        break
                    if e.errno not in _io._SLOW:
                        raise
                yield from _io.wait(s, True, False)
    except BaseException:  # failed, cancelled, timed out: the socket is nobody's
        _io.forget(s)
        s.close()
        raise
    st = Stream(s, None, polled)
    return st, st


def _err(s):
    # CPython: the error of a non-blocking connect, raised
    from socket import SO_ERROR, SOL_SOCKET

    e = s.getsockopt(SOL_SOCKET, SO_ERROR)
    if e:
        raise OSError(e, "connect")


# -------------------------------------------------------------- server


class Server:
    """A listening socket and the task that accepts on it
    (:func:`start_server`). ``close()`` stops accepting (connections
    already made go on); ``await server.wait_closed()`` waits until the
    listening socket is closed. ``async with server:`` closes it at the
    end."""

    def __init__(self):
        self.state = False
        self.task = None

    def close(self):
        """Stop accepting and close the listening socket (soon: the accept
        task is cancelled). Does not yield."""
        self.state = True
        if self.task is not None and not self.task.done():
            self.task.cancel()

    def wait_closed(self):
        """``await server.wait_closed()``: until the accept task has ended."""
        return _Aw(_wait_task(self.task))

    def __aenter__(self):
        return _Aw(_value(self))

    def __aexit__(self, *args):
        self.close()
        return self.wait_closed()


def _wait_task(t):
    if t is not None:
        if not t.done():
            yield from t
    return None


def _serve(srv, s, cb, polled):
    try:
        while True:
            try:
                s2, addr = s.accept()
            except OSError as e:
                if _again(e):
                    yield from _io.wait(s, False, polled)
                    continue
                if e.errno in (9, 22):  # EBADF, EINVAL: closed under us
                    raise
                continue  # a failed accept (ECONNABORTED, out of sockets): go on
            try:
                s2.setblocking(False)
            except OSError:
                s2.close()
                continue
            st = Stream(s2, {"peername": addr}, polled)
            create_task(_handle(cb, st))
            # (its task runs first: the next accept may wait)
            yield from sleep_ms(0)
    except _core._Cancelled:
        if not srv.state:  # not closed: the task that owns the server was
            raise
    finally:
        _io.forget(s)
        s.close()


def _handle(cb, st):
    # A connection's task: the callback; if it fails or is cancelled the
    # stream it was given is closed, so no socket is left behind.
    try:
        r = cb(st, st)
        if r is not None:
            yield from (r.__await__() if hasattr(r, "__await__") else r)
    except BaseException:
        st.close()
        raise


def start_server(cb, host, port, backlog=5, ssl=None, pool=None):
    """``server = await asyncio.start_server(cb, host, port)``: listen on
    ``host``, ``port`` (0: a free port, see ``server.port``) and run
    ``cb(reader, writer)`` as a new task for each connection (an async
    function, or a plain one returning None).

    Yields once. OSError if the address is in use. The callback owns the
    streams it is given: a callback that returns leaves them open as
    MicroPython's does; one that raises (or is cancelled) has them closed.
    ``ssl``: NotImplementedError for anything but None or False. ``pool``:
    where sockets come from (see the module's docstring).
    """
    if ssl:
        raise NotImplementedError("ssl")
    return _Aw(_start(cb, host, port, backlog, pool))


def _start(cb, host, port, backlog, pool):
    pool, polled = _find(pool)
    s, addr = _socket(pool, host, port)
    try:
        try:
            s.setsockopt(pool.SOL_SOCKET, pool.SO_REUSEADDR, 1)
        except (AttributeError, OSError):
            pass
        s.bind(addr)
        s.listen(backlog)
        srv = Server()
        try:
            srv.port = s.getsockname()[1]
        except (AttributeError, OSError, IndexError, TypeError):
            srv.port = port
        srv.task = create_task(_serve(srv, s, cb, polled))
    except BaseException:
        s.close()
        raise
    try:
        yield from sleep_ms(0)
    except BaseException:
        srv.close()
        raise
    return srv


_core._gc()

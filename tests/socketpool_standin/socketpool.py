# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A stand-in for CircuitPython's ``socketpool`` on an Espressif board, over
CPython's sockets, for testing asynccp's CircuitPython code path on CPython.

What it copies from CircuitPython (ports/espressif/common-hal/socketpool/
Socket.c and shared-bindings/socketpool, CircuitPython main at 73504dd), and
the errno values of Espressif's newlib (which are not Linux's):

- sockets have ``recv_into`` and ``send`` (no ``recv``), no ``fileno``, and
  cannot be given to ``select`` or ``selectors``;
- with a timeout of 0 (``setblocking(False)``): ``recv_into`` raises
  OSError(EAGAIN = 11) while no data is there and OSError(ENOTCONN = 128)
  once the peer has closed (it never returns 0); ``accept`` and ``send``
  raise OSError(EAGAIN = 11); ``connect`` raises OSError(ETIMEDOUT = 116) at once
  while the connection goes on, then OSError(EALREADY = 120) while it is
  under way and OSError(EISCONN = 127) once connected (lwIP); a refused
  connection raises OSError(ECONNREFUSED = 111);
- ``SocketPool(radio)``: ``AF_INET``, ``SOCK_STREAM``, ``SOL_SOCKET``,
  ``SO_REUSEADDR``, ``getaddrinfo``, ``socket``.

For fault tests: ``POOL_DOWN[0] = errno`` makes every later call of every
socket raise OSError(errno) (the network gone); ``OPEN`` counts the sockets
open.
"""

import socket as _s

EAGAIN = 11
ECONNREFUSED = 111
ETIMEDOUT = 116
EALREADY = 120
EISCONN = 127
ENOTCONN = 128
ECONNRESET = 104
EBADF = 9


def _err(n):
    # CircuitPython's OSError(n) has errno n; CPython's needs a second argument for that
    return OSError(n, "errno " + str(n))


POOL_DOWN = [0]  # an errno to raise from every call (0: the network is up)
OPEN = [0]  # sockets open


class Socket:
    def __init__(self, sock):
        self._s = sock
        self._t = None
        self._c = 0  # connect: 0 not started, 1 under way, 2 connected
        OPEN[0] += 1
        sock.setblocking(True)

    def _down(self):
        if POOL_DOWN[0]:
            raise _err(POOL_DOWN[0])
        if self._s is None:
            raise _err(EBADF)

    def settimeout(self, t):
        self._down()
        self._t = t
        self._s.settimeout(t)

    def setblocking(self, flag):
        self.settimeout(None if flag else 0)

    def setsockopt(self, level, opt, value):
        self._down()
        self._s.setsockopt(level, opt, value)

    def bind(self, addr):
        self._down()
        self._s.bind(addr)

    def listen(self, backlog):
        self._down()
        self._s.listen(backlog)

    def getsockname(self):
        return self._s.getsockname()

    def accept(self):
        self._down()
        try:
            s2, addr = self._s.accept()
        except BlockingIOError:
            raise _err(EAGAIN) from None
        return Socket(s2), addr

    def connect(self, addr):
        self._down()
        if self._t != 0:
            self._s.connect(addr)
            self._c = 2
            return
        if self._c == 0:
            e = self._s.connect_ex(addr)
            if e == 0:
                self._c = 2
                return
            if e == ECONNREFUSED:
                raise _err(ECONNREFUSED)
            self._c = 1
            raise _err(ETIMEDOUT)  # the attempt goes on (Socket.c says so)
        if self._c == 2:
            raise _err(EISCONN)
        err = self._s.getsockopt(_s.SOL_SOCKET, _s.SO_ERROR)
        if err:
            raise _err(ECONNREFUSED if err == ECONNREFUSED else err)
        try:
            self._s.getpeername()
        except OSError:
            raise _err(EALREADY) from None
        self._c = 2
        raise _err(EISCONN)

    def recv_into(self, buf, nbytes=0):
        self._down()
        n = nbytes or len(buf)
        try:
            got = self._s.recv_into(buf, n)
        except BlockingIOError:
            raise _err(EAGAIN) from None
        except ConnectionResetError:
            raise _err(ECONNRESET) from None
        if got == 0 and self._t == 0 and n:
            raise _err(ENOTCONN)
        return got

    def send(self, buf):
        self._down()
        try:
            return self._s.send(buf)
        except BlockingIOError:
            raise _err(EAGAIN) from None
        except (BrokenPipeError, ConnectionResetError):
            raise _err(ECONNRESET) from None

    def close(self):
        if self._s is not None:
            self._s.close()
            self._s = None
            OPEN[0] -= 1

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()


class SocketPool:
    AF_INET = _s.AF_INET
    SOCK_STREAM = _s.SOCK_STREAM
    SOL_SOCKET = _s.SOL_SOCKET
    SO_REUSEADDR = _s.SO_REUSEADDR
    IPPROTO_TCP = _s.IPPROTO_TCP

    def __init__(self, radio):
        self.radio = radio

    def getaddrinfo(self, host, port, family=0, type=0, proto=0, flags=0):
        if POOL_DOWN[0]:
            raise _err(POOL_DOWN[0])
        return [(self.AF_INET, self.SOCK_STREAM, 0, "", (_s.gethostbyname(host), port))]

    def socket(self, family=_s.AF_INET, type=_s.SOCK_STREAM, proto=0):
        if POOL_DOWN[0]:
            raise _err(POOL_DOWN[0])
        return Socket(_s.socket(family, type, proto))

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Waiting on sockets (and on flags set from outside the loop): what
``asynccp.asyncio``'s streams and ``ThreadSafeFlag`` use.

Loaded only by a program that uses networking or a ThreadSafeFlag:
``import asynccp`` and ``import asynccp.asyncio`` do not load it, and it
changes nothing in ``asynccp.core``. A task waits for a socket in one of two
ways:

- **Polled** (MicroPython's ``socket`` with ``select.poll``; CPython's
  ``socket`` with ``selectors``): the task parks, and the socket is
  registered with the loop's poller. The poller takes the loop's ``_sleep``
  attribute (the call the loop makes when no task is ready, to wait for the
  next timer): while sockets are registered it waits in ``poll`` for up to
  that long instead, and wakes the tasks whose sockets are ready at once. So
  that tasks which never let the loop go idle cannot starve the sockets, a
  small poller task also polls without waiting every :data:`BOUND` ms while
  sockets are registered.
- **Tried** (CircuitPython's ``socketpool`` sockets, which are non-blocking
  and have no ``select`` to wait in: asynccp never uses CircuitPython's
  ``select``, which hard-faults on Espressif boards, adafruit/circuitpython
  #10775): the task tries the call; if the socket says "not yet" it sleeps
  :data:`BOUND` ms in the timer list and tries again. The loop therefore
  never sleeps longer than BOUND ms while a socket waits, and other tasks'
  timers are kept exactly as without networking: a retry is one failing
  non-blocking call.

Either way a waiting task is a parked or sleeping task to the loop: the loop
never reports a deadlock while a socket (or a ThreadSafeFlag) is waited on,
it waits; cancelling the task takes it out of the poller at its ``yield``.
"""

from . import core as _core

_core._gc()

#: The longest a socket that is tried (not polled) waits between tries, and
#: how often the poller task polls while the loop is busy, in milliseconds:
#: the bound on network latency that the loop adds.
BOUND = 10

try:
    from sys import implementation as _impl

    _CIRCUITPY = _impl.name == "circuitpython"
except ImportError:
    _CIRCUITPY = False

# What CircuitPython's socketpool raises from a non-blocking call, by errno
# (ports/espressif/common-hal/socketpool/Socket.c, CircuitPython main at
# 73504dd): recv_into raises EAGAIN (11) while no data is there and ENOTCONN
# when the peer has closed (it never returns 0 when non-blocking); accept and
# send raise EAGAIN; connect with a timeout of 0 raises ETIMEDOUT at once and
# the connection attempt goes on (the source says so), after which lwIP's
# connect raises EALREADY while it is under way and EISCONN once connected.
# Espressif's values are newlib's (ENOTCONN 128, ETIMEDOUT 116, EINPROGRESS
# 119, EALREADY 120, EISCONN 127); ports on MicroPython's own errno numbers
# use Linux's (107, 110, 115, 114, 106). On CircuitPython this reads the
# port's errno module; anywhere else a socketpool is a stand-in for an
# Espressif board's (tests/socketpool_standin), so Espressif's values.
_EAGAIN = 11
if _CIRCUITPY:
    import errno as _e  # samd21: networking modules never run on SAMD21 boards (no Wi-Fi)

    _ENOTCONN = _e.ENOTCONN
    _SLOW = (_e.EINPROGRESS, _e.EALREADY, _e.ETIMEDOUT, _EAGAIN)
    _EISCONN = getattr(_e, "EISCONN", 127 if _ENOTCONN == 128 else 106)
    del _e
else:
    _ENOTCONN = 128
    _SLOW = (119, 120, 116, _EAGAIN)
    _EISCONN = 127

_core._gc()


# ------------------------------------------------------------------ the poller


class _Poller:
    # One per loop that waits on polled sockets: the sockets and the task
    # waiting to read (r) or write (w) each, the loop's own sleep (o), and
    # the selector (MicroPython: select.poll; CPython: selectors).
    def __init__(self, lp):
        self.lp = lp
        self.r = {}
        self.w = {}
        self.m = {}  # socket -> the events it is registered for
        self.o = lp._sleep
        # a loop on a clock of its own (a VirtualClock): never block in poll.
        # (Not whether o is the platform's sleep: asyncio.run puts its own in.)
        self.v = lp._ticks is not _core._ticks
        self.t = None  # the poller task
        try:
            import selectors  # CPython

            self.s = selectors.DefaultSelector()
            self.p = None
        except ImportError:  # MicroPython
            import select  # samd21: networking modules never run on SAMD21 boards

            self.s = None
            self.p = select.poll()
        lp._sleep = self.sleep

    def set(self, s):
        # register s for what its waiters wait for (1: read, 2: write)
        ev = (1 if s in self.r else 0) | (2 if s in self.w else 0)
        old = self.m.get(s, 0)
        if ev == old:
            return
        if self.p is not None:  # select.poll: POLLIN 1, POLLOUT 4
            pe = (1 if ev & 1 else 0) | (4 if ev & 2 else 0)
            if not ev:
                try:
                    self.p.unregister(s)
                except (OSError, ValueError, KeyError):
                    pass
            elif old:
                self.p.modify(s, pe)
            else:
                self.p.register(s, pe)
        else:  # selectors: EVENT_READ 1, EVENT_WRITE 2
            if not ev:
                try:
                    self.s.unregister(s)
                except (OSError, ValueError, KeyError):
                    pass
            elif old:
                self.s.modify(s, ev)
            else:
                self.s.register(s, ev)
        if ev:
            self.m[s] = ev
        else:
            self.m.pop(s, None)

    def poll(self, ms):
        # Wait up to ms for the registered sockets; wake the tasks of those
        # that are ready (an error or hang-up wakes both: their next call
        # raises it).
        if self.p is not None:
            # (ipoll hands out one tuple, allocating nothing; set() may
            # unregister meanwhile, as MicroPython's asyncio does)
            for x in self.p.ipoll(ms):
                e = x[1]
                # POLLIN 1, POLLOUT 4, POLLERR 8, POLLHUP 16 (and 32, POLLNVAL)
                self.ready(x[0], (1 if e & 57 else 0) | (2 if e & 60 else 0))
        else:
            try:
                got = self.s.select(ms / 1000)
            except OSError:  # (a socket closed under us: its waiter is woken by forget)
                got = ()
            for k, e in got:
                self.ready(k.fileobj, e)

    def ready(self, s, e):
        # socket s is ready for e (1: read, 2: write): wake its waiters
        lp = self.lp
        if e & 1:
            t = self.r.pop(s, None)
            if t is not None:
                lp._wake(t)
        if e & 2:
            t = self.w.pop(s, None)
            if t is not None:
                lp._wake(t)
        self.set(s)

    def sleep(self, ms):
        # the loop's _sleep while this poller is installed
        if self.m:
            if self.v:
                self.poll(0)
                self.o(ms)
            else:
                self.poll(ms)
        else:
            self.o(ms)


_pollers = {}  # loop -> its _Poller, while it has one
_NOWHERE = []  # what a task waiting on a socket is parked in (the loop's _w)


def _ticker(p):
    # The poller task: polls without waiting every BOUND ms while sockets are
    # registered (the loop may never go idle), then takes the poller away.
    lp = p.lp
    me = lp.cur
    while p.m:
        p.poll(0)
        if not p.m:
            break
        lp._at(me, (lp._ticks() + BOUND) & 0x1FFFFFFF)
        yield True
    if _pollers.get(lp) is p:
        del _pollers[lp]
        if lp._sleep == p.sleep:
            lp._sleep = p.o
        if p.s is not None:
            p.s.close()
    p.t = None


def _poller(lp):
    p = _pollers.get(lp)
    if p is None:
        p = _pollers[lp] = _Poller(lp)
    if p.t is None:
        t = p.t = _core.Task()
        t.coro = _ticker(p)
        if lp is not _core.Task.loop:
            t.loop = lp
        lp._at(t, (lp._ticks() + BOUND) & 0x1FFFFFFF)
    return p


def _here():
    lp = _core._running
    if lp is None:
        raise RuntimeError(_core._m(1))  # awaited outside asynccp's loop
    return lp


def wait(s, write, polled):
    """Wait until socket ``s`` may be ready to read (``write`` False: data,
    end of stream, a connection to accept) or to write (True), in generator
    form: ``yield from wait(s, False, polled)``.

    ``polled``: register ``s`` with the loop's poller (a ``socket`` socket
    on MicroPython or CPython); False: sleep :data:`BOUND` ms and let the
    caller try again (a CircuitPython ``socketpool`` socket). It may return
    before the socket is ready; the caller tries its call and waits again if
    that says "not yet". RuntimeError if another task waits on the same
    socket for the same thing. Cancellation raises CancelledError here, and
    the socket is no longer waited on.
    """
    lp = _here()
    if not polled:
        lp._at(lp.cur, (lp._ticks() + BOUND) & 0x1FFFFFFF)
        yield True
        return
    p = _poller(lp)
    d = p.w if write else p.r
    t = lp.cur
    if s in d:
        raise RuntimeError("another task waits on this socket")
    d[s] = t
    try:
        p.set(s)
        lp._park(t, _NOWHERE)
        yield True
    finally:
        if d.get(s) is t:
            del d[s]
            p.set(s)


def forget(s):
    """Stop waiting on socket ``s`` (before it is closed): the tasks waiting
    on it are woken, and their next call on it raises the error. Does not
    yield."""
    for p in _pollers.values():
        if s in p.m:
            lp = p.lp
            for d in (p.r, p.w):
                t = d.pop(s, None)
                if t is not None:
                    lp._wake(t)
            p.set(s)


# --------------------------------------------------------------- ThreadSafeFlag


class ThreadSafeFlag:
    """A flag set from outside the loop, as MicroPython's
    ``asyncio.ThreadSafeFlag``: from a hard or soft interrupt handler (a
    ``micropython.schedule`` callback, a pin IRQ), another thread, or a task.

    ``set()`` allocates nothing and does not yield, so it is safe in a hard
    interrupt handler. ``await flag.wait()`` returns once the flag is set
    and clears it (one waiter at a time, as MicroPython's). While a task
    waits, the loop checks the flag at least every :data:`BOUND` ms and does
    not report a deadlock: it waits, as for a socket. Cancelling the waiting
    task leaves the flag as it was.
    """

    def __init__(self):
        self.state = 0

    def set(self):
        """Set the flag (allocates nothing). Does not yield."""
        self.state = 1

    def clear(self):
        """Clear the flag. Does not yield."""
        self.state = 0

    def wait(self):
        """``await flag.wait()``: wait until the flag is set, then clear it.
        Returns at once (after a yield) if it is set already."""
        from .awaitable import _Aw

        return _Aw(_flag_wait(self))


def _flag_wait(f):
    if f.state:
        lp = _here()
        lp._at(lp.cur, lp._ticks())  # (yield once: other tasks go first)
        yield True
    while not f.state:
        lp = _here()
        lp._at(lp.cur, (lp._ticks() + BOUND) & 0x1FFFFFFF)
        yield True
    f.state = 0


_core._gc()

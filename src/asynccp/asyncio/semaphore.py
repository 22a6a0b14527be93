# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio's Semaphore and BoundedSemaphore, as CPython's (MicroPython's
asyncio has none): loaded on first use."""

from ..awaitable import _Aw
from ..core import _gc, _m
from ..task import CancelledError
from ..waitq import _NOW, _here, _wait
from . import _flush

_gc()


class Semaphore:
    """A counter of permits: ``async with sem:``, or ``await sem.acquire()``
    (True) and ``sem.release()``.

    As CPython's: ValueError if ``value`` is below 0; waiters are served first
    come first served, a release handing its permit to the first waiter;
    ``locked()`` is True while an acquire would wait (no permit, or waiters
    that have not taken theirs yet). A waiter cancelled after it was handed a
    permit passes it on.
    """

    def __init__(self, value=1):
        if value < 0:
            raise ValueError(_m(39))  # Semaphore initial value must be >= 0
        self._value = value
        self._q = []  # waiting tasks
        self._k = []  # woken with a permit, not run yet

    def locked(self):
        """True if an acquire would wait."""
        return self._value == 0 or bool(self._q) or bool(self._k)

    def acquire(self):
        """Take a permit, waiting if need be: ``await sem.acquire()``; True."""
        return _Aw(_acquire(self))

    def release(self):
        """Give a permit back (to the first waiter). Does not yield."""
        self._value += 1
        self._next()

    def _next(self):
        # hand a permit to the first waiter
        q = self._q
        if q:
            t = q.pop(0)
            self._k.append(t)
            self._value -= 1
            lp = t.loop
            _flush(lp)
            lp._wake(t)

    def __aenter__(self):  # (`async with sem as x`: x is None, as in CPython)
        return _Aw(_enter(self))

    def __aexit__(self, *args):
        self.release()
        return _NOW


def _acquire(s):
    if not s.locked():
        s._value -= 1
        return True
    me = _here().cur
    try:
        yield from _wait(s._q)
    except CancelledError:
        if me in s._k:  # handed a permit, but cancelled: pass it on
            s._k.remove(me)
            s._value += 1
            s._next()
        raise
    s._k.remove(me)
    if s._value > 0:
        s._next()
    return True


def _enter(s):
    yield from _acquire(s)


class BoundedSemaphore(Semaphore):
    """A :class:`Semaphore` that raises ValueError("BoundedSemaphore released
    too many times") when a release would take it above ``value``."""

    def __init__(self, value=1):
        self._bound = value
        Semaphore.__init__(self, value)

    def release(self):
        if self._value >= self._bound:
            raise ValueError(_m(40))  # BoundedSemaphore released too many times
        Semaphore.release(self)


_gc()

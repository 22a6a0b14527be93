# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio's Semaphore and BoundedSemaphore, as CPython's (MicroPython's
asyncio has none): loaded on first use."""

from ..awaitable import _Aw
from ..core import _gc, _m
from ..waitq import _NOW, _wait
from . import _pass

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
        self._woken = 0  # waiters handed a permit that have not run yet

    def locked(self):
        """True if an acquire would wait."""
        return self._value == 0 or bool(self._q) or self._woken > 0

    def acquire(self):
        """Take a permit, waiting if need be: ``await sem.acquire()``; True."""
        return _Aw(_acquire(self))

    def release(self):
        """Give a permit back (to the first waiter). Does not yield."""
        self._value += 1
        self._next()

    def _next(self, t=None):
        # Hand a permit to the first waiter. Also how one handed a permit
        # that is cancelled before it runs (t) passes it on.
        if t is not None:
            self._woken -= 1
            self._value += 1
        if self._q:
            self._value -= 1
            self._woken += 1
            _pass(self._q, self._next)

    def __aenter__(self):  # (`async with sem as x`: x is None, as in CPython)
        return _Aw(_enter(self))

    def __aexit__(self, *args):
        self.release()
        return _NOW


def _acquire(s):
    if not s.locked():
        s._value -= 1
        return True
    yield from _wait(s._q)  # woken with a permit
    s._woken -= 1
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

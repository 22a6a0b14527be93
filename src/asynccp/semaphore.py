# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Semaphore: at most n holders at a time, served first come first served."""

from .core import _gc, _m
from .waitq import _enter, _exit, _give, _wait

_gc()


class Semaphore:
    """A counter of permits. ``async with sem:`` holds one for the block.

    A release hands its permit straight to the first waiting task (no
    barging). ValueError if ``value`` is below 0.
    """

    def __init__(self, value=1):
        if not isinstance(value, int):
            raise TypeError(_m(21, value))  # Semaphore(value) takes an int
        if value < 0:
            raise ValueError(_m(22, value))  # Semaphore(value) must be 0 or more
        self._v = value
        self._q = []  # waiting tasks

    def locked(self):
        """True when no permit is free (an acquire would wait)."""
        return self._v == 0

    def acquire(self):
        """Take a permit: ``await sem.acquire()``; returns True.

        Yields only if it has to wait: when no permit is free or other tasks
        wait already. Cancellation while waiting: the task leaves the queue
        (passing on a permit it was just handed) and CancelledError is raised.
        Generator form: ``yield from sem.acquire()``.
        """
        return self

    def release(self):
        """Give a permit back (to the first waiter, if any). Does not yield."""
        if _give(self._q, self._back) is None:
            self._v += 1

    def _back(self, t):
        # t was handed a permit but is cancelled before taking it
        Semaphore.release(self)

    def __iter__(self):
        return _acquire(self)

    __await__ = __iter__
    __aenter__ = _enter
    __aexit__ = _exit


def _acquire(s):
    if s._v and not s._q:
        s._v -= 1
        return True
    yield from _wait(s._q)  # woken with a permit
    return True


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").Semaphore = Semaphore
_gc()

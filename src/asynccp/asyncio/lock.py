# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio's Lock, as MicroPython's: loaded on first use."""

from ..awaitable import _Aw
from ..core import _gc, _m
from ..waitq import _NOW, _wait
from . import _pass

_gc()


class Lock:
    """Mutual exclusion: ``async with lock:``, or ``await lock.acquire()``
    (True) and ``lock.release()``.

    As MicroPython's: waiters get the lock first come first served; a
    release hands it to the first waiter, and until that task runs
    ``locked()`` is False but nobody else can take it. RuntimeError("Lock
    not acquired") on releasing a lock that is not locked. A waiter that is
    cancelled after the lock was handed to it passes it on.
    """

    def __init__(self):
        self.state = 0  # 0: free, 1: locked, a task: handed to that task
        self.waiting = []

    def locked(self):
        return self.state == 1

    def release(self):
        """Release the lock. Does not yield."""
        if self.state != 1:
            raise RuntimeError(_m(35))  # Lock not acquired
        self._hand()

    def _hand(self, t=None):
        # to the first waiter, or free; also how a waiter it was handed to
        # that is cancelled before it runs passes it on
        self.state = _pass(self.waiting, self._hand) or 0

    def acquire(self):
        """Wait for the lock and take it: ``await lock.acquire()``; True."""
        return _Aw(_acquire(self))

    def __aenter__(self):
        return _Aw(_acquire(self))

    def __aexit__(self, *args):
        self.release()
        return _NOW


def _acquire(lock):
    if lock.state != 0:
        yield from _wait(lock.waiting)  # woken: the lock was handed to us
    lock.state = 1
    return True


_gc()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio's Lock, as MicroPython's: loaded on first use."""

from ..awaitable import _Aw
from ..core import _gc, _m
from ..task import CancelledError
from ..waitq import _NOW, _here
from . import _flush

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
        q = self.waiting
        if q:
            t = self.state = q.pop(0)
            lp = t.loop
            _flush(lp)
            lp._wake(t)
        else:
            self.state = 0

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
        lp = _here()
        me = lp.cur
        me.state = -2  # core's _PARKED
        lp._w[me] = lock.waiting
        lock.waiting.append(me)
        try:
            yield True  # (a cancellation takes us out of waiting)
        except CancelledError:
            if lock.state is me:  # handed the lock, but cancelled: pass it on
                lock.state = 1
                lock.release()
            raise
    lock.state = 1
    return True


_gc()

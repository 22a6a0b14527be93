# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Lock: mutual exclusion between tasks, first come first served."""

from .core import _gc, _m
from .semaphore import Semaphore

_gc()


class Lock(Semaphore):
    """``async with lock:`` runs the block while holding the lock.

    ``await lock.acquire()`` yields only if the lock is held or others wait;
    a release hands the lock straight to the first waiter. Not re-entrant: a
    task that acquires it twice waits forever (and run() reports the
    deadlock). Cancellation while waiting: the task leaves the queue and
    CancelledError is raised. Generator form: ``yield from lock.acquire()``
    and ``lock.release()`` in a ``finally``.
    """

    def __init__(self):
        super().__init__(1)

    def release(self):
        """Release the lock. Does not yield. RuntimeError if it is not held."""
        if self._v:
            raise RuntimeError(_m(23))  # release() of a Lock that is not held
        super().release()


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").Lock = Lock
_gc()

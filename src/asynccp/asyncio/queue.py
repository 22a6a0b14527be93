# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio's Queue, QueueEmpty and QueueFull, as CPython's: loaded on first
use. (MicroPython's asyncio had no Queue up to 1.28.)"""

from ..awaitable import _Aw
from ..core import _gc, _m
from ..task import CancelledError
from ..waitq import _here, _wait, _wake_all
from . import _flush

_gc()


class QueueEmpty(Exception):
    """get_nowait() found the queue empty."""


class QueueFull(Exception):
    """put_nowait() found the queue full."""


class Queue:
    """A FIFO queue of at most ``maxsize`` items (0 or less: no limit), as
    CPython's asyncio.Queue: ``await q.put(x)``, ``x = await q.get()``,
    ``put_nowait``, ``get_nowait``, ``qsize()``, ``empty()``, ``full()``,
    ``task_done()`` and ``await q.join()``.

    A put wakes the first waiting getter (a get the first waiting putter); a
    woken task takes its item when it runs, and waits again if another task
    took it first.
    """

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._queue = []
        self._gq = []  # waiting getters
        self._gk = []  # getters woken, not run yet
        self._pq = []
        self._pk = []
        self._unfinished = 0
        self._jq = []  # tasks in join(), waiting for task_done() of every item

    def qsize(self):
        """Number of items in the queue."""
        return len(self._queue)

    def empty(self):
        return not self._queue

    def full(self):
        """True if ``maxsize`` items are in the queue (never, for 0)."""
        return 0 < self.maxsize <= len(self._queue)

    def put_nowait(self, item):
        """Add ``item``; QueueFull if the queue is full. Does not yield."""
        if self.full():
            raise QueueFull
        self._queue.append(item)
        self._unfinished += 1
        _next(self._gq, self._gk)

    def get_nowait(self):
        """Remove and return the first item; QueueEmpty if there is none."""
        if not self._queue:
            raise QueueEmpty
        item = self._queue.pop(0)
        _next(self._pq, self._pk)
        return item

    def put(self, item):
        """Add ``item``, waiting while the queue is full: ``await q.put(x)``."""
        return _Aw(_put(self, item))

    def get(self):
        """Remove and return the first item, waiting while there is none:
        ``x = await q.get()``."""
        return _Aw(_get(self))

    def task_done(self):
        """One item taken from the queue has been dealt with (for join()).
        ValueError if called more often than items were put."""
        if self._unfinished <= 0:
            raise ValueError(_m(41))  # task_done() called too many times
        self._unfinished -= 1
        q = self._jq
        if self._unfinished == 0 and q:
            _flush(q[0].loop)
            _wake_all(q)

    def join(self):
        """Wait until task_done() was called for every item put:
        ``await q.join()``."""
        return _Aw(_join(self))


def _next(q, k):
    # wake the first waiter of q (it goes to k until it runs)
    if q:
        t = q.pop(0)
        k.append(t)
        lp = t.loop
        _flush(lp)
        lp._wake(t)


def _waitin(qu, q, k, ok):
    # wait in q until ok(qu); a woken waiter that is cancelled passes the
    # wake-up on if it could have used it
    me = _here().cur
    while not ok(qu):
        try:
            yield from _wait(q)
        except CancelledError:
            if me in k:
                k.remove(me)
                if ok(qu):
                    _next(q, k)
            raise
        k.remove(me)


def _has(qu):
    return len(qu._queue) > 0


def _room(qu):
    return not qu.full()


def _get(qu):
    yield from _waitin(qu, qu._gq, qu._gk, _has)
    return qu.get_nowait()


def _put(qu, item):
    yield from _waitin(qu, qu._pq, qu._pk, _room)
    qu.put_nowait(item)


def _join(qu):
    if qu._unfinished > 0:
        yield from _wait(qu._jq)


_gc()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio's Queue, QueueEmpty and QueueFull, as CPython's: loaded on first
use. (MicroPython's asyncio had no Queue up to 1.28.)"""

from ..awaitable import _Aw
from ..core import _gc, _m
from ..waitq import _NOW, _give, _wait
from . import _flush, _pass

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
    woken task takes its item when it runs, and waits again (at the end of
    the line) if another task took it first. A woken getter or putter that
    is cancelled before it runs passes its turn on.
    """

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._queue = []
        self._gq = []  # waiting getters
        self._pq = []  # waiting putters
        self._jq = []  # tasks in join(), waiting for task_done() of every item
        self._unfinished = 0

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
        self._getter()

    def get_nowait(self):
        """Remove and return the first item; QueueEmpty if there is none."""
        if not self._queue:
            raise QueueEmpty
        item = self._queue.pop(0)
        self._putter()
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
            while _give(q, None):  # every waiter, in the order they came
                pass

    def join(self):
        """Wait until task_done() was called for every item put:
        ``await q.join()``."""
        return _Aw(_wait(self._jq)) if self._unfinished > 0 else _NOW

    # Wake the first waiting getter if there is an item (putter: if there is
    # room); also how a woken one that is cancelled passes its turn on.

    def _getter(self, t=None):
        if self._queue:
            _pass(self._gq, self._getter)

    def _putter(self, t=None):
        if not self.full():
            _pass(self._pq, self._putter)


def _get(qu):
    while not qu._queue:
        yield from _wait(qu._gq)
    return qu.get_nowait()


def _put(qu, item):
    while qu.full():
        yield from _wait(qu._pq)
    qu.put_nowait(item)


_gc()

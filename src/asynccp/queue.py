# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Queue: a bounded FIFO between tasks, in a ring allocated once."""

from .awaitable import _Aw
from .core import _gc, _m
from .waitq import _NOW, _give, _wait

_gc()


class QueueEmpty(Exception):
    """get_nowait() on an empty queue."""


class QueueFull(Exception):
    """put_nowait() on a full queue."""


class Queue:
    """A FIFO of at most ``maxsize`` items (an int, 1 or more).

    The items live in a list of ``maxsize`` slots made once: putting and
    getting allocate no storage. ``put_nowait``/``get_nowait`` allocate
    nothing at all; ``await get()`` makes one small generator per call (as
    asyncio makes a coroutine), and so does ``await put()`` when it must
    wait. Waiting getters and putters are served first come first served.
    """

    def __init__(self, maxsize):
        if not isinstance(maxsize, int):
            raise TypeError(_m(24, maxsize))  # Queue(maxsize) takes an int
        if maxsize < 1:
            raise ValueError(_m(25, maxsize))  # Queue(maxsize) must be 1 or more
        self._b = [None] * maxsize
        self._h = 0  # index of the oldest item
        self._ni = 0  # items held
        # Waiting tasks, and how many of them were woken but have not run
        # yet: the items (slots) promised to them are not for anyone else.
        self._gq = []
        self._gr = 0
        self._pq = []
        self._pr = 0
        self._get = _Getter(self)

    def qsize(self):
        """Number of items held."""
        return self._ni

    def empty(self):
        return not self._ni

    def full(self):
        return self._ni == len(self._b)

    def put_nowait(self, item):
        """Add ``item``; QueueFull if there is no free slot (or putters that
        came first wait). Does not yield."""
        if self._pq or self._pr or self._ni == len(self._b):
            raise QueueFull()
        self._push(item)

    def get_nowait(self):
        """Remove and return the oldest item; QueueEmpty if there is none
        (or getters that came first wait). Does not yield."""
        if self._gq or self._gr or not self._ni:
            raise QueueEmpty()
        return self._take()

    def put(self, item):
        """Add ``item``, waiting while the queue is full: ``await q.put(x)``.

        Yields only if it has to wait. When there is room the item is added
        at the call itself. Cancellation while waiting: the item is not
        added, CancelledError is raised. Generator form: ``yield from
        q.put(x)``.
        """
        if not (self._pq or self._pr) and self._ni < len(self._b):
            self._push(item)
            return _NOW
        return _Aw(_put(self, item))

    def get(self):
        """Remove and return the oldest item, waiting while the queue is
        empty: ``item = await q.get()``.

        Yields only if it has to wait. Getters get items, and putters put
        them, in the order they came. Cancellation while waiting: nothing is
        taken, CancelledError is raised. Generator form: ``item = yield from
        q.get()``.
        """
        return self._get

    # _gr items are promised to getters that were woken and have not run
    # yet, _pr free slots to woken putters; newcomers wait behind them, so
    # items leave in the order they came. Task.cancel() calls _back_get /
    # _back_put for a woken waiter that will not come.

    def _push(self, item):
        b = self._b
        b[(self._h + self._ni) % len(b)] = item
        self._ni += 1
        self._move()

    def _take(self):
        b = self._b
        h = self._h
        x = b[h]
        b[h] = None
        self._h = (h + 1) % len(b)
        self._ni -= 1
        self._move()
        return x

    def _move(self):
        # promise items to waiting getters and slots to waiting putters
        g = _give
        while self._gq and self._ni > self._gr and g(self._gq, self._back_get):
            self._gr += 1
        while self._pq and self._ni + self._pr < len(self._b) and g(self._pq, self._back_put):
            self._pr += 1

    def _back_get(self, t):
        self._gr -= 1
        self._move()

    def _back_put(self, t):
        self._pr -= 1
        self._move()


class _Getter:
    # get()'s awaitable, one per queue
    def __init__(self, q):
        self.q = q

    def __iter__(self):
        return _get(self.q)

    __await__ = __iter__


def _get(q):
    if q._gq or q._gr or not q._ni:
        yield from _wait(q._gq)  # woken with an item promised
        q._gr -= 1
    return q._take()


def _put(q, item):
    if q._pq or q._pr or q._ni == len(q._b):  # (room may have come since put())
        yield from _wait(q._pq)  # woken with a slot promised
        q._pr -= 1
    q._push(item)


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").Queue = Queue
__import__("asynccp").QueueEmpty = QueueEmpty
__import__("asynccp").QueueFull = QueueFull
_gc()

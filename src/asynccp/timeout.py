# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Timeouts: ``await wait_for(awaitable, seconds)``."""

from .awaitable import TimeoutError, _Aw  # asynccp.TimeoutError
from .core import Task, _gc, _ms
from .task import CancelledError
from .waitq import _here

_gc()


def wait_for(awaitable, seconds):
    """Wait for ``awaitable`` at most ``seconds``; give its result.

    ``awaitable`` is a coroutine or generator object, a :class:`Task`, or
    any asynccp awaitable (``event.wait()``, ``q.get()``, ...). It runs as
    its own task; the caller yields until it ends or the time is up. On
    time-out it is cancelled (its ``finally`` blocks run; a Task passed in
    is cancelled too) and TimeoutError is raised. Its exception, if it
    raises, is raised here. Cancelling the caller cancels it as well.
    Generator form: ``x = yield from wait_for(aw, s)``.
    """
    return _Aw(_wait_for(awaitable, _ms(seconds)))


def _pause(lp, ms):
    # the task body for delay()'s shared object, whose wait is taken at once
    if ms > 0:
        lp._at(lp.cur, (lp._ticks() + ms) & 0x1FFFFFFF)
        yield True
    elif ms == 0:
        yield


def _expire(lp, due, t):
    lp._at(lp.cur, due)
    yield True
    t.cancel()


def _wait_for(aw, ms):
    lp = _here()
    if isinstance(aw, Task):
        t = aw
    else:
        if not hasattr(aw, "send"):
            # delay() gives its shared object: take the wait it is armed with
            # now, before another delay() re-arms it. (Not iter() on it: on
            # CircuitPython that files the calling task.)
            ms2 = getattr(aw, "ms", None)
            if ms2 is None:
                aw = iter(aw)  # our other awaitables give a generator
            else:
                aw.ms = -1
                aw = _pause(lp, ms2)  # (-1: spent, nothing to wait for)
        t = lp.add_task(aw)
    tm = lp.add_task(_expire(lp, (lp._ticks() + ms) & 0x1FFFFFFF, t))
    try:
        return (yield from t)
    except CancelledError as e:
        # t's own end, by our timer: a time-out. Our caller being cancelled
        # (even in the same tick) stays a cancellation.
        if not (e is t.coro and tm.done() and tm.coro is None):
            raise
    finally:
        tm.cancel()
        t.cancel()
    # raised here, not in the except block, so it carries no __context__
    # (`raise ... from None` is ignored on small boards)
    raise TimeoutError()


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").wait_for = wait_for
_gc()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Timeouts: ``await wait_for(awaitable, seconds)``."""

from . import core as _core
from .core import Task, _ms


class TimeoutError(Exception):  # noqa: A001 - asynccp.TimeoutError, as asyncio's
    """wait_for() ran out of time."""


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
    return _core._Aw(_wait_for(awaitable, _ms(seconds)))


def _run(aw):
    # an awaitable object as a task's body (its iterator, driven by yield from)
    return (yield from aw)


def _expire(lp, due, t):
    lp._hpush(lp.cur, due)
    yield True
    t.cancel()


def _wait_for(aw, ms):
    lp = _core._running
    if isinstance(aw, Task):
        t = aw
    else:
        t = lp.add_task(aw if hasattr(aw, "send") else _run(aw))
    tm = lp.add_task(_expire(lp, _core._ticks_add(lp._ticks(), ms), t))
    try:
        return (yield from t)
    except _core.CancelledError:
        if tm.done() and tm.data is None:  # our timer ran out and cancelled it
            raise TimeoutError()
        raise
    finally:
        tm.cancel()
        t.cancel()

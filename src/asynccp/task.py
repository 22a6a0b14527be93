# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Cancellation: :meth:`Task.cancel <asynccp.Task.cancel>` and CancelledError.

Loaded the first time one of them is used (``asynccp.CancelledError``
named, a task cancelled): a program that only runs tasks and delays does not
hold it in RAM.

To throw an exception into a task (a cancellation), the loop itself stands
in for the task's coroutine until its next step: the loop calls ``send()``
on it as on any coroutine, and that ``send()`` (Loop.send, added to Loop
here) puts the coroutine back and throws the exception into it. So the
loop's hot path checks nothing, and no object is made for it.
"""

from . import core as _core

_core._gc()


class CancelledError(BaseException):
    """Thrown into a task at its current ``await`` by :meth:`Task.cancel
    <asynccp.Task.cancel>`.

    It derives from BaseException, so ``except Exception`` does not swallow
    it. A task that lets it escape ends cancelled; it is not an error and
    never leaves :meth:`Loop.run <asynccp.Loop.run>`.
    """


def cancel(t):
    # Task.cancel's body
    if t.state < -2:  # ended (core's _DONE, _FAILED)
        return False
    t.stopped = True  # a ScheduledTask's schedule ends too, even if a run swallows it
    _throw(t.loop, t, CancelledError())  # (replaces a pending TypeError)
    return True


def _send(self, _):
    # Loop.send: the next step of the running task, whose exception is pending
    t = self.cur
    w = self._w.pop(t, None)
    if w is not None:  # (then,) of asyncio's primitives: see _throw
        w[0](t)
    c, e = self._x.pop(t)
    t.coro = c
    return c.throw(e)


def _throw(self, t, e):
    # Throw e into task t of loop self at its next step (a later one replaces
    # it; None: just the one pending), and make that step come soon,
    # wherever t is.
    if e is not None:
        x = self._x.get(t)
        self._x[t] = (t.coro if x is None else x[0], e)
        t.coro = self
    w = self._w.get(t)
    if type(w) is list:  # leave the list it waits in
        del self._w[t]
        if t in w:
            w.remove(t)
    elif w is not None and type(w) is not tuple:
        # it was handed something it will not take now: pass it on. A
        # 1-tuple (then,) of asyncio's primitives is left for _send, which
        # calls then(t) when t runs, before the exception reaches its code:
        # MicroPython's and CPython's pass it on in an except clause, so
        # tasks readied meanwhile run before the next waiter.
        del self._w[t]
        w(t)
    s = t.state
    if s == 0:  # sleeping: out of the timer list
        i = self._s.index(t)
        del self._k[i]
        del self._s[i]
    if s != -1:  # sleeping or parked (not already ready)
        self._ready(t)


_core.Loop.send = _send
_core._Cancelled = CancelledError


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").CancelledError = CancelledError
_core._gc()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Cancellation: :meth:`Task.cancel <asynccp.Task.cancel>` and CancelledError.

Loaded the first time a task is cancelled (or ``asynccp.CancelledError`` is
named): a program that never cancels does not hold it in RAM.

To throw an exception into a task (a cancellation), the loop itself stands
in for the task's coroutine until its next step: the loop calls ``send()``
on it as on any coroutine, and that ``send()`` (Loop.send, added to Loop
here) puts the coroutine back and throws the exception into it. So the
loop's hot path checks nothing, and no object is made for it.
"""

from . import core as _core


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
    _throw(t.loop, t, CancelledError())  # (replaces a pending TypeError)
    return True


def _send(lp, _):
    # Loop.send: the next step of the running task, whose exception is pending
    t = lp.cur
    c, e = lp._x.pop(t)
    t.coro = c
    return c.throw(e)


def _throw(lp, t, e):
    # Throw e into task t of loop lp at its next step (a later one replaces
    # it; None: just the one pending), and make that step come soon,
    # wherever t is.
    if e is not None:
        x = lp._x.get(t)
        lp._x[t] = (t.coro if x is None else x[0], e)
        t.coro = lp
    w = lp._w.pop(t, None)
    if w is not None:
        if type(w) is list:
            if t in w:  # leave the list it waits in
                w.remove(t)
        else:  # it was handed something it will not take now: pass it on
            w(t)
    s = t.state
    if s == 0:  # sleeping: out of the timer list
        i = lp._ht.index(t)
        del lp._hk[i]
        del lp._ht[i]
    if s != -1:  # sleeping or parked (not already ready)
        lp._ready(t)


_core.Loop.send = _send
_core._Cancelled = CancelledError

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""What tasks do besides running: starting later, being cancelled, being
awaited, failing.

:meth:`Loop.run_later <asynccp.Loop.run_later>`, :meth:`Task.cancel
<asynccp.Task.cancel>` and CancelledError, ``await task``, and
:meth:`Loop.set_exception_handler <asynccp.Loop.set_exception_handler>`.
Loaded the first time one of them is used (``asynccp.run_later`` or
``asynccp.CancelledError`` named, a task cancelled or awaited): a program
that only runs tasks and delays does not hold it in RAM.

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


def join(t):
    # The generator behind `await task`: park in the loop's join list of t.
    if t.state > -3:  # not ended
        lp = t.loop
        me = lp.cur
        if me is t:
            raise RuntimeError(_core._m(0))  # a task cannot await itself
        if lp._j is None:
            lp._j = {}
        j = lp._j.get(t)
        if j is None:
            lp._j[t] = j = []
        me.state = -2  # core's _PARKED
        lp._w[me] = j
        j.append(me)
        yield True  # (a cancellation takes us out of j)
    if t.state == -4:  # core's _FAILED
        raise t.coro
    return t.coro


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
        i = lp._s.index(t)
        del lp._k[i]
        del lp._s[i]
    if s != -1:  # sleeping or parked (not already ready)
        lp._ready(t)


def _run_later(self, seconds_to_delay, coroutine):
    """Add a task that starts ``seconds_to_delay`` seconds from now.

    Does not yield. Returns its :class:`Task`; cancelling it before it
    starts means it never runs. TypeError/ValueError as for
    :func:`~asynccp.delay.delay` and :meth:`add_task`.
    """
    ms = _core._ms(seconds_to_delay)
    t = self.add_task(coroutine)
    # add_task put t at the back of the ready ring: take it back out
    self._t = (self._t - 1) & self._n
    self._q[self._t] = None
    self._at(t, (self._ticks() + ms) & 0x1FFFFFFF)
    return t


def run_later(seconds_to_delay, coroutine):
    """:meth:`Loop.run_later <asynccp.Loop.run_later>` on the default loop."""
    return _core.get_loop().run_later(seconds_to_delay, coroutine)


def _set_exception_handler(self, handler):
    """Send exceptions that end tasks to ``handler(task, exception)``.

    By default (and after ``set_exception_handler(None)``) an exception
    that ends a task nobody awaits leaves :meth:`run`. With a handler, it
    is passed to the handler and the other tasks go on. CancelledError is
    never passed; KeyboardInterrupt and SystemExit always leave run().
    """
    self.handler = handler


def set_exception_handler(handler):
    """:meth:`Loop.set_exception_handler
    <asynccp.Loop.set_exception_handler>` on the default loop."""
    _core.get_loop().set_exception_handler(handler)


_core.Loop.send = _send
_core.Loop.run_later = _run_later
_core.Loop.set_exception_handler = _set_exception_handler
_core._Cancelled = CancelledError

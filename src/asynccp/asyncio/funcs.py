# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""gather(), wait_for() and wait_for_ms(), as MicroPython's asyncio has them
(its ``funcs`` module), and TimeoutError (asynccp.TimeoutError): loaded on
first use."""

from .. import core as _core
from ..awaitable import TimeoutError, _Aw  # asynccp.TimeoutError
from ..core import _m
from . import _Call, _flush, _promote, create_task, sleep, sleep_ms

_core._gc()


def gather(*aws, return_exceptions=False):
    """Run the awaitables (coroutines become tasks) and wait for them all:
    ``results = await asyncio.gather(a, b, c)``; their results in order.

    As MicroPython's: if one raises (and ``return_exceptions`` is False) the
    exception is raised here at once and the others go on running; with
    ``return_exceptions=True`` it takes that one's place in the results.
    Tasks that have ended already count with their result or exception.
    Cancelling the task awaiting gather cancels every one still running.
    RuntimeError("can't gather") for a running task that another task awaits
    (or has awaited); while gathered a task cannot be awaited elsewhere
    (RuntimeError("can't wait")).
    """
    return _Aw(_gather(aws, return_exceptions))


class _G:
    # one gather's state: the task awaiting it, the children to wait for (an
    # int) or the exception to raise, and the list the task is parked in
    def __init__(self, lp, me, rx):
        self.lp = lp
        self.me = me
        self.rx = rx
        self.state = 0
        self.q = []  # _w[me] is q: it waits here

    def done(self, t):
        # child t ended (the loop calls this through t's join list)
        lp = self.lp
        if lp._w.get(self.me) is not self.q:  # woken already, or cancelled
            return
        if t.state == -4 and not self.rx:  # it failed: raise that now
            self.state = t.coro
        else:
            self.state -= 1
            if self.state:
                return
        _flush(lp)
        lp._wake(self.me)


def _gather(aws, rx):
    lp = _core._running
    if lp is None:
        raise RuntimeError(_m(1))  # awaited outside asynccp's loop
    ts = [_promote(aw) for aw in aws]
    if lp._j is None:
        lp._j = {}
    j = lp._j
    me = lp.cur
    g = _G(lp, me, rx)
    for t in ts:
        if t.state < -2:  # ended already
            if t.state == -4 and not rx:  # by an exception: do not wait at all
                g.state = -len(ts)
        elif t in j:  # awaited (or gathered) already
            raise RuntimeError(_m(33))  # can't gather
        else:
            j[t] = [_Call(g.done, t)]
            g.state += 1
    cancel_all = False
    if g.state > 0:
        lp._park(me, g.q)
        try:
            yield True
        except _core._Cancelled as er:  # (asynccp.task's CancelledError, once loaded)
            cancel_all = True
            g.state = er
    for i in range(len(ts)):
        t = ts[i]
        if t.state > -3:  # still running: no longer gathered
            e = j.get(t)
            if e is not None:
                for x in e:
                    if type(x) is _Call and x.a is t:
                        e.remove(x)
                        break
                if not e:
                    del j[t]
            if cancel_all:
                t.cancel()
        elif t.state == -3 or rx:  # its result, or (return_exceptions) its exception
            ts[i] = t.coro
        elif type(g.state) is int:  # the first that raised, if nothing else is raised
            g.state = t.coro
    if g.state:
        raise g.state
    return ts


def wait_for(aw, timeout, sleep=sleep):
    """Wait for ``aw`` (a coroutine or task) at most ``timeout`` seconds
    (None: for ever); give its result: ``await asyncio.wait_for(aw, 5)``.

    On time-out ``aw`` is cancelled, and wait_for waits until it has ended
    before it raises TimeoutError, even if it ends otherwise (MicroPython's
    semantics). Its exception, if it raises, is raised here. Cancelling the
    caller cancels ``aw`` too.
    """
    return _Aw(_wait_for(aw, timeout, sleep))


def wait_for_ms(aw, timeout):
    """:func:`wait_for` with the timeout in milliseconds (an int)."""
    return _Aw(_wait_for(aw, timeout, sleep_ms))


def _run(waiter, aw):
    # wait_for's runner task: await aw, then hand its outcome to the waiter,
    # which sleeps out the timeout, by cancelling that sleep
    try:
        result = yield from aw
        status = True
    except BaseException as er:
        result = None
        status = er
    lp = waiter.loop
    if waiter.state > -2 and waiter.coro is not lp:  # still asleep, not cancelled
        from ..task import CancelledError, _throw

        _flush(lp)
        _throw(lp, waiter, CancelledError(status, result))


def _wait_for(aw, timeout, sleep):
    aw = _promote(aw)
    if timeout is None:
        return (yield from aw)
    runner = create_task(_run(_core._running.cur, aw))
    x = None
    try:
        yield from sleep(timeout)
    except _core._Cancelled as er:  # (asynccp.task's CancelledError, once loaded)
        status = er.args[0] if er.args else None
        if status is None:  # wait_for itself was cancelled
            runner.cancel()
            raise
        if status is True:  # aw ended first
            return er.args[1]
        x = status  # aw raised it
    if x is not None:
        raise x  # (out of the except block: no __context__ on CPython)
    # the time is up: cancel aw (through its runner) and wait until it ends
    runner.cancel()
    yield from runner
    raise TimeoutError()


_core._gc()

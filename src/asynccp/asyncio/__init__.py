# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio on asynccp's loop: ``import asynccp.asyncio as asyncio``.

The API of MicroPython's and CircuitPython's ``asyncio`` with MicroPython's
semantics, run by asynccp's :class:`~asynccp.Loop` (the default loop, the one
``asynccp.add_task``, ``schedule`` and ``ManagedResource`` use), so an asyncio
program runs after changing its import, and asynccp's own calls work in it.
``import asynccp`` does not load this package; importing it loads this module
(tasks, sleeps, ``run``), ``asynccp.task`` and ``asynccp.awaitable``;
``gather``, ``wait_for``, ``Event``, ``Lock``, ``Semaphore``, ``Queue``, the
loop object and ``TimeoutError`` load their module on first use, as
MicroPython's asyncio does.

Where MicroPython's asyncio and CPython's differ, this follows MicroPython's
(the docs' "Coming from asyncio" guide lists each point). Order: MicroPython
runs tasks by the time each became ready, a woken sleeper by its due time, so
a sleeper that fell due while another task ran goes before the tasks readied
after that. asynccp's loop runs its ready ring in order and moves due sleepers
into it at each round; so everything here that readies a task first moves the
sleepers already due into the ring (:func:`_flush`), and the order is
MicroPython's.

Internals of asynccp this relies on (core.py's docstring names them):
``core._running``, ``core.get_loop``/``_default``, ``Loop._ready``,
``_wake``, ``_at``, ``_ticks``, ``_sleep``, the timer lists ``_k``/``_s``,
the parked map ``_w``, the join lists ``_j`` (the loop reads ``.state`` of
each entry of a finished task's join list to wake it: an entry here may be a
:class:`_Call`, which runs a function instead), ``_x`` through
``asynccp.task._throw``, ``Loop.handler`` and ``Loop.run``.
"""

from micropython import const

from .. import core as _core
from ..awaitable import _Aw
from ..core import _m
from ..delay import _Delay, _delay

_core._gc()

__version__ = (3, 0, 0)  # the MicroPython asyncio API this follows

_MAX = const(0x1FFFFFFF)  # core's tick period less one
_HALF = const(0x10000000)  # half the period: the longest sleep
_STEP = const(10)  # ms: see _idle (asynccp.io.BOUND's value)
del const  # (not asyncio.const)

# The names that load their module on first use, in asynccp/lazy.py's form
_lazy = (
    " .task: CancelledError .awaitable: TimeoutError funcs: gather wait_for wait_for_ms"
    " event: Event lock: Lock semaphore: Semaphore BoundedSemaphore queue: Queue QueueEmpty"
    " QueueFull loop: Loop get_event_loop new_event_loop current_task "
)


def __getattr__(attr):
    # PEP 562: the name from its module, kept in _got, not in this module's
    # globals: those fill up as the program runs, and growing them then takes
    # a block of 300 bytes or more (on a board) in a heap that has tasks in
    # it. The lookup of asynccp.lazy, written out: every asyncio program
    # holds this module, while going through asynccp.lazy would load and
    # drop that module at each first use of a name, mid-run (a whole program
    # then needs about 1.5 KB more heap: docs/guides/small_boards.rst).
    value = _got.get(attr)
    if value is not None:
        return value
    t = _lazy
    i = t.find(" " + attr + " ")
    if i < 0:  # a networking name, or none: asynccp/asyncio/names.py
        from .names import get

        return get(attr)
    j = t.rfind(":", 0, i)
    i = t.rfind(" ", 0, j) + 1
    lv = 1
    if t[i] == ".":  # asynccp's module (TimeoutError is asynccp.TimeoutError)
        i += 1
        lv = 2
    _core._gc()  # the module loads into a heap without garbage (see asynccp.core)
    m = __import__(t[i:j], globals(), None, (attr,), lv)
    value = _got[attr] = getattr(m, attr)
    return value


_got = {}  # the names looked up


# ---------------------------------------------------------------- ordering


def _flush(lp):
    # Move the sleepers of loop lp (None: the running loop, if any) that are
    # due now into its ready ring (what core.Loop.run does at the start of
    # each round), before a task is readied: then the ring holds tasks in the
    # order MicroPython's asyncio runs them, by the time each became ready.
    if lp is None:
        lp = _core._running
        if lp is None:
            return
    k = lp._k
    if k:
        now = lp._ticks()
        s = lp._s
        while k and ((k[0] - now + _HALF) & _MAX) <= _HALF:
            k.pop(0)
            lp._ready(s.pop(0))


def _pass(q, then):
    # Wake the first waiter of list q with something handed to it (the
    # lock, a permit, its turn at an item), after the sleepers due now (the
    # order of MicroPython's asyncio); if it is cancelled before it runs,
    # then(task) passes that on when it runs (asynccp.waitq._give; the
    # 1-tuple: not at cancel(), see asynccp.task._throw). The waiter, or
    # None. (The primitives that call this import waitq; this module does not.)
    if q:
        from ..waitq import _give

        _flush(q[0].loop)
        return _give(q, (then,))
    return None


class _Call:
    # An entry of a task's join list (loop._j[task]) that is not a task.
    # When the task ends the loop wakes each entry, reading its .state; this
    # one calls f(a) instead, and is not parked (0). gather puts one per
    # child (a: the child), run() one that stops the loop (a: the list).
    def __init__(self, f, a):
        self.f = f
        self.a = a

    @property
    def state(self):
        self.f(self.a)
        return 0


# First entry of each join list made here: the tasks awaiting a task are
# woken after the sleepers due by the time it ended, as in MicroPython.
_FIRST = _Call(_flush, None)


# ---------------------------------------------------------------- sleeping


def sleep_ms(t):
    """Sleep ``t`` milliseconds (an int; below 0 counts as 0):
    ``await asyncio.sleep_ms(t)``.

    ``sleep_ms(0)`` yields once: the tasks ready now run, then this one.
    OverflowError from 2**28 ms (3.1 days) on.
    """
    # asynccp.delay's shared awaitable, armed with the wait (its await files
    # the task, allocating nothing on MicroPython). A sleep of 0 first moves
    # the sleepers due now into the ready ring: they run before this task,
    # as in MicroPython.
    if not isinstance(t, int):
        raise TypeError(_m(42, t))  # can't convert %r to int
    if t >= _HALF:
        raise OverflowError(_m(37))  # ticks interval overflow
    if t <= 0:
        t = 0
        lp = _core._running
        if lp is not None and lp._k:  # (no call when nothing sleeps: the hot path)
            _flush(lp)
    _delay.ms = t
    return _delay


def sleep(t):
    """Sleep ``t`` seconds: ``await asyncio.sleep(t)``.

    As MicroPython's: ``sleep_ms(int(t * 1000))``, so the time is cut down
    to whole milliseconds (``sleep(0.0005)`` is ``sleep(0)``).
    """
    return sleep_ms(int(t * 1000))


# ---------------------------------------------------------------- tasks


class Task(_core.Task):
    """A task made by :func:`create_task`: ``await task`` waits for it and
    gives its result (or raises its exception); ``task.cancel()``,
    ``task.done()``. An :class:`asynccp.Task` whose await and cancel follow
    MicroPython's asyncio (see :meth:`cancel`)."""

    _r = False  # True once awaited after it ended: its exception was retrieved

    def __iter__(self):
        return _join(self)

    __await__ = __iter__

    def cancel(self):
        """Cancel the task: CancelledError is thrown into it at its current
        await (soon: a sleeping or waiting task is woken for it).

        Returns False if it has ended, else True. RuntimeError("can't cancel
        self") for the running task. If the task is awaiting another task,
        that task is cancelled instead, and the exception it ends with
        reaches this one through its await (as MicroPython does); if that
        is the running task, nothing happens (MicroPython marks it, and its
        next await clears the mark).
        """
        if self.state < -2:  # ended
            return False
        lp = self.loop
        if self is lp.cur:
            raise RuntimeError(_m(32))  # can't cancel self
        # The task this one awaits (this one is in its join list), and so on;
        # len(_w) steps at most (tasks awaiting each other in a ring).
        j = lp._j or {}
        for _ in range(len(lp._w)):
            w = lp._w.get(self)
            if type(w) is not list:
                break
            for t in j:
                if j[t] is w:
                    break
            else:
                break
            self = t
        if self is lp.cur:
            # forwarded to the running task: MicroPython marks it cancelled,
            # and its next await (which files it somewhere) drops the mark
            return True
        if not _core._Cancelled:  # the first cancel loads asynccp.task: into a heap
            _core._gc()  # without garbage (only then: see asynccp.core)
        from ..task import CancelledError, _throw

        _flush(lp)
        _throw(lp, self, CancelledError())
        return True

    def __repr__(self):
        return "<Task>"


def _join(t):
    # `await task`: park in the task's join list until it ends
    lp = t.loop
    if t.state > -3:  # not ended
        me = lp.cur
        if me is t:
            raise RuntimeError(_m(0))  # a task cannot await itself
        if lp._j is None:
            lp._j = {}
        j = lp._j.get(t)
        if j is None:
            lp._j[t] = j = [_FIRST]
        else:
            for x in j:
                if type(x) is _Call and x.a is t:  # gather's entry
                    raise RuntimeError(_m(34))  # can't wait
        lp._park(me, j)
        j.append(me)
        yield True  # (a cancellation takes us out of j)
    else:
        t._r = True
    if t.state == -4:  # core's _FAILED
        raise t.coro
    return t.coro


def create_task(coro):
    """Make a task of ``coro`` (a coroutine or generator object) and return
    its :class:`Task`. It starts when the caller next yields, after the tasks
    ready before it. What asyncio's and asynccp's primitives return to be
    awaited (``ev.wait()``, ``gather(...)``, ``q.get()``, a resource handle)
    is taken too; TypeError("coroutine expected") for anything else, a sleep
    included. Does not yield."""
    if not hasattr(coro, "send"):
        # the generator behind an awaitable of asyncio's or asynccp's (their
        # __iter__ only makes it); a sleep's or delay's __iter__ would file
        # the running task, and MicroPython's refuses a sleep too
        if type(coro) is _Aw:
            coro = coro.g
        else:
            g = None
            if not isinstance(coro, _Delay):
                try:
                    g = iter(coro)
                except TypeError:
                    pass
            if not hasattr(g, "send"):
                raise TypeError(_m(31))  # coroutine expected
            coro = g
    lp = _core._running or _core.get_loop()
    t = Task()
    t.coro = t._c = coro  # (_c: the coroutine, for the exception report)
    if lp is not _core.Task.loop:  # (the default loop's tasks take it from the class)
        t.loop = lp
    _flush(lp)
    lp._ready(t)
    return t


def _promote(aw):
    # a task for aw: aw itself if it is one (asynccp's tasks too)
    return aw if isinstance(aw, _core.Task) else create_task(aw)


# ---------------------------------------------------------------- running


class _Stop(BaseException):
    # leaves Loop.run(): the task run() waits for has ended (args: an
    # exception the exception handler raised, to raise from run())
    pass


def _stop(j):
    # The task run() waits for has ended: wake the others awaiting it, then
    # leave the loop at once, as MicroPython's run_until_complete returns.
    lp = _core._running
    _flush(lp)
    while j:
        lp._wake(j.pop(0))
    raise _Stop  # (a new one: the task's end made a StopIteration already)


def _idle(lp, sleep):
    # Loop lp's _sleep while _until runs: `sleep` (what was there) in steps
    # of at most _STEP ms, returning as soon as a task is ready (woken from
    # outside the loop: an Event set in a micropython.schedule callback;
    # scheduled callbacks run while MicroPython sleeps). (A closure, not a
    # module-level table: a name more in this module's globals can leave
    # them full, and then every builtin the module's functions look up
    # scans them all: asyncio.sleep(0) measured 20% slower.)
    def idle(ms):
        while ms > 0:
            sleep(ms if ms < _STEP else _STEP)
            if lp._h != lp._t:
                return
            ms -= _STEP

    return idle


def _until(t):
    # Run t's loop until task t ends; its result, or raise its exception.
    lp = t.loop
    if t.state > -3:  # not ended
        if lp._j is None:
            lp._j = {}
        j = lp._j.get(t)
        if j is None:
            lp._j[t] = j = []
        e = _Call(_stop, j)
        j.append(e)
        old = lp.handler
        lp.handler = _unhandled
        # (if asynccp.io's poller took the place of an earlier run's idle, and
        # kept it under it, this one goes on top: a chain, never a cycle)
        sleep = lp._sleep
        lp._sleep = idle = _idle(lp, sleep)
        x = None
        try:
            # Runs of at most three days, again and again: with an end in
            # sight the loop never finds nothing to wait for, so it waits (as
            # MicroPython's asyncio does) instead of reporting a deadlock: a
            # task may wait on an Event that an interrupt handler sets.
            while True:
                lp.run(268435)  # (seconds: just under _HALF ms, the longest run)
        except _Stop as s:
            if s.args:
                x = s.args[0]
        finally:
            if lp._sleep is idle:
                lp._sleep = sleep
            if lp.handler is _unhandled:
                lp.handler = old
            if e in j:  # run() left some other way: t is still awaited by us
                j.remove(e)
                if not j and lp._j.get(t) is j:
                    del lp._j[t]
        if x is not None:  # the exception handler raised it
            raise x
    if t.state == -3:  # core's _DONE
        return t.coro
    raise t.coro  # (ended: by an exception)


def run(coro):
    """Run ``coro`` as a task until it ends; returns its result or raises
    its exception.

    The loop stops as soon as that task ends, as MicroPython's does: other
    tasks stay where they are and go on at the next ``run()``, and a
    ``schedule()`` stops with the loop. While every task waits (on an
    Event, a Lock, a Queue...) and none sleeps, the loop waits, as
    MicroPython's asyncio does: an interrupt handler may set the Event (in a
    ``micropython.schedule`` callback), and its waiter then runs within 10
    ms. (asynccp's own ``run()`` reports such a deadlock instead.)
    """
    return _until(create_task(coro))


def _unhandled(t, e):
    # core: task t ended with exception e and nobody awaits it. MicroPython
    # reports it when the task's turn comes once more, unless it is awaited
    # by then: a little task does that.
    lp = t.loop
    from .loop import _report

    r = _core.Task()
    r.coro = _report(t, e)
    r.loop = lp
    _flush(lp)
    lp._ready(r)


_core._gc()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The loop and its tasks: what every program loads.

Time is integer milliseconds of a wrap-safe tick counter (period 2**29:
``supervisor.ticks_ms`` on CircuitPython, ``adafruit_ticks`` elsewhere), so
every int stays far inside +-2**30 and boards without long integers are exact.

A task is a :class:`Task` wrapping a coroutine (or a plain generator). Where
it is, is in ``Task.state``: _SLEEPING (in the timer list), _READY (in the
ready ring, or running), _PARKED (waiting in a list: a resource, an event, a
join), _DONE or _FAILED. The loop only ever calls ``task.coro.send(None)``;
what the coroutine yields tells it where the task went: None, to the back of
the ready ring (``await delay(0)``); True, an awaitable of ours filed it
already (timer list, a wait list); anything else, it awaited something
foreign and gets a TypeError there.

RAM is the budget: on a 32 KB board about 19 KB of heap is left for
code.py, and an imported module holds every function (about 60 bytes before
its body), class (about 200), name and string it has, for good. So this
module keeps tasks, the loop and its two queues only. Waiting in line
(resources, primitives), schedules, ``suspend`` and the error message texts
live in modules that load when a program first uses them; the Loop methods
among them are added to Loop by their module (see ``Loop.__getattr__``).
"""

from micropython import const  # CPython: Blinka's (adafruit_ticks needs Blinka too)

try:
    from supervisor import ticks_ms as _ticks  # CircuitPython: ms mod 2**29

    _CP = True
except ImportError:
    from adafruit_ticks import ticks_ms as _ticks  # picks MicroPython's or CPython's clock

    _CP = False

try:
    from time import sleep_ms as _sleep
except ImportError:  # CircuitPython, CPython
    from time import sleep

    def _sleep(ms):
        sleep(ms / 1000)


_MAX = const(0x1FFFFFFF)  # the tick counter's period, 2**29, less one
_HALF = const(0x10000000)  # half the period: the farthest apart two due times may be
_SLEEPING = const(0)
_READY = const(-1)
_PARKED = const(-2)
_DONE = const(-3)
_FAILED = const(-4)

_running = None  # the Loop in run(), read by the awaitables
_default = None  # the Loop of the module-level functions


_Cancelled = ()  # asynccp.cancel puts its CancelledError here when it loads


class Task:
    """A coroutine run by a :class:`Loop`; made by :meth:`Loop.add_task`.

    ``await task`` (``yield from task`` in a generator) waits until the task
    ends and gives its return value, or raises the exception that ended it
    (CancelledError if it was cancelled). It yields unless the task has
    already ended. If the waiting task is cancelled meanwhile, it stops
    waiting; the awaited task goes on.

    A task that ends with an exception while another task awaits it hands the
    exception to that task; otherwise the exception goes to the loop's
    exception handler, or leaves :meth:`Loop.run`.
    """

    # Loop.add_task makes a task and sets its coro and loop: no __init__ (a
    # method costs a board ~70 bytes of RAM for good). coro is the loop while
    # an exception is pending for the task (see asynccp.cancel), and once it
    # has ended, its result or the exception that ended it.
    state = _READY

    def done(self):
        """True once the task has returned, raised or been cancelled."""
        return self.state < _PARKED

    def cancel(self):
        """Cancel the task: throw CancelledError into it at its current await.

        Does not yield. The exception arrives the next time the task runs,
        which is soon: a task sleeping or waiting is woken for it (and leaves
        the queue it waited in). Its ``finally`` blocks run; it may catch the
        exception and go on. A task that cancels itself gets the exception at
        its next await. Returns False if the task had already ended (nothing
        happens), else True.
        """
        from .cancel import cancel

        return cancel(self)

    def __iter__(self):
        return _join(self)

    __await__ = __iter__


def _join(t):
    # The generator behind `await task`: park in the loop's join list of t.
    if t.state > _DONE:
        lp = t.loop
        if lp.cur is t:
            raise RuntimeError(_m(0))  # a task cannot await itself
        j = lp._j.get(t)
        if j is None:
            lp._j[t] = j = []
        me = lp.cur
        me.state = _PARKED
        lp._w[me] = j
        j.append(me)
        yield True  # (cancel() takes us out of j)
    if t.state == _FAILED:
        raise t.coro
    return t.coro


def _m(n, *args):
    # Error message n of asynccp/messages.py with args filled in. The texts
    # load only when an error is raised: held for good, each would cost a
    # board about 90 bytes of RAM. (tests/test_messages.py checks that the
    # comment at each call quotes the text.)
    try:
        from .messages import M

        m = M[n]
        return m % args if type(m) is str else m(*args)
    except (ImportError, MemoryError):  # messages.mpy not on the board, or no room
        return "asynccp error %d %r" % (n, args)


class Loop:
    """An event loop. Most programs use the module-level functions, which
    share one default Loop (see :func:`get_loop`).

    ``clock`` is an object with ``ticks_ms()`` and ``sleep_ms(ms)``; the
    default is the platform's tick counter and sleep. With
    :class:`asynccp.testing.VirtualClock` the loop never really sleeps: it
    jumps the clock to the next due time. ``debug=True`` prints a line when a
    scheduled task falls behind and is re-based.

    ``schedule``, ``schedule_later`` and ``suspend`` are methods too: their
    modules (``scheduler``, ``event``) add them to Loop when they load, and
    a loop loads them when one is first asked for.
    """

    handler = None  # exception handler, see set_exception_handler
    cur = None  # the task running now

    def __init__(self, debug=False, clock=None):
        self.debug = debug
        if clock is None:
            self._ticks = _ticks
            self._sleep = _sleep
        else:
            self._ticks = clock.ticks_ms
            self._sleep = clock.sleep_ms
        # Ready ring: a power-of-two list, head and tail index (equal when
        # empty; it grows before it would be full). No allocation unless more
        # tasks are ready at once than ever before.
        self._rq = [None] * 8
        self._rm = 7
        self._rh = 0
        self._rt = 0
        self._hk = []  # the timer list: due ticks and tasks, earliest first
        self._ht = []
        # Parked task -> the list it waits in; or, once woken and handed
        # something (a permit, an item), until it runs: how to pass that on
        # if it is cancelled first (see waitq). Empty: nothing waits.
        self._w = {}
        self._j = {}  # task -> tasks awaiting it
        self._x = {}  # task -> (its coroutine, exception pending for it): see cancel

    def __getattr__(self, attr):
        # A Loop method kept in its feature's module: importing that module
        # adds it to Loop (asynccp/lazy.py says which module).
        from .lazy import load

        load(attr)
        if getattr(Loop, attr, None) is None:
            raise AttributeError(attr)
        return getattr(self, attr)

    # -- public API ---------------------------------------------------------

    def add_task(self, coroutine):
        """Add a coroutine (or generator) object to run as a new task.

        Does not yield: the task first runs when the calling task next yields
        (or when :meth:`run` starts). Returns its :class:`Task`. TypeError if
        ``coroutine`` is not a coroutine or generator object (for example the
        function itself rather than its call).
        """
        if not hasattr(coroutine, "send"):  # a function, not its call, say
            raise TypeError(_m(2, coroutine))  # expected a coroutine object
        t = Task()
        t.coro = coroutine
        t.loop = self
        self._ready(t)
        return t

    def run_later(self, seconds_to_delay, coroutine):
        """Add a task that starts ``seconds_to_delay`` seconds from now.

        Does not yield. Returns its :class:`Task`; cancelling it before it
        starts means it never runs. TypeError/ValueError as for
        :func:`~asynccp.delay.delay` and :meth:`add_task`.
        """
        ms = _ms(seconds_to_delay)
        t = self.add_task(coroutine)
        # add_task put t at the back of the ready ring: take it back out
        self._rt = (self._rt - 1) & self._rm
        self._rq[self._rt] = None
        self._at(t, (self._ticks() + ms) & _MAX)
        return t

    def set_exception_handler(self, handler):
        """Send exceptions that end tasks to ``handler(task, exception)``.

        By default (and after ``set_exception_handler(None)``) an exception
        that ends a task nobody awaits leaves :meth:`run`. With a handler, it
        is passed to the handler and the other tasks go on. CancelledError is
        never passed; KeyboardInterrupt and SystemExit always leave run().
        """
        self.handler = handler

    def run(self, seconds=None):
        """Run tasks until none is left; returns then.

        Raises what a task raised if no handler is set (see
        :meth:`set_exception_handler`); the loop stays usable and run() can
        be called again. RuntimeError if tasks still wait on something that
        nothing left can give them (a deadlock), naming them. With
        ``seconds``, the same as :meth:`run_for`.
        """
        global _running
        if _running is not None:
            raise RuntimeError(_m(3))  # a loop is already running
        stop = None if seconds is None else (self._ticks() + _ms(seconds)) & _MAX
        _running = self
        ticks = self._ticks
        hk = self._hk  # changed in place, so these stay the timer lists
        ht = self._ht
        try:
            while True:
                now = ticks()
                if stop is not None and ((now - stop + _HALF) & _MAX) >= _HALF:
                    return
                # Due timers join the ready ring, earliest first.
                while hk and ((hk[0] - now + _HALF) & _MAX) <= _HALF:
                    hk.pop(0)
                    self._ready(ht.pop(0))
                if self._rh == self._rt:  # nothing ready: sleep to a timer or the stop
                    dt = ((hk[0] - now + _HALF) & _MAX) - _HALF if hk else _HALF
                    if stop is not None:
                        s = ((stop - now + _HALF) & _MAX) - _HALF
                        if s < dt:
                            dt = s
                    elif not hk:
                        if self._w:  # tasks wait for something nothing can give them
                            raise RuntimeError(_m(4, self._w))
                        return
                    self._sleep(dt)
                    continue
                # Run every task ready now, once; tasks readied meanwhile wait
                # for the next round, after the timers are checked again. The
                # ring list grows in place, so q stays valid; its mask may not.
                q = self._rq
                h = self._rh
                n = (self._rt - h) & self._rm
                while n:
                    n -= 1
                    t = q[h]
                    q[h] = None
                    h = (h + 1) & self._rm
                    self._rh = h
                    self.cur = t
                    try:
                        r = t.coro.send(None)
                    except StopIteration as x:
                        t.state = _DONE
                        r = x.value
                    except BaseException as x:
                        t.state = _FAILED
                        r = x
                    if t.state < _PARKED:  # it ended: r is its result or exception
                        t.coro = r
                        j = self._j.pop(t, None) if self._j else None
                        if j:  # awaited: the joiners get it (a cancelled one left j)
                            while j:
                                self._wake(j.pop(0))
                        elif t.state == _FAILED and not isinstance(r, _Cancelled):
                            if self.handler is None or not isinstance(r, Exception):
                                raise r
                            self.handler(t, r)
                    elif r is None:
                        # back of the ring (_ready inline: this is the hot path)
                        k = self._rt
                        if (k + 1) & self._rm == h:
                            self._ready(t)  # the ring is full: it grows
                        else:
                            q[k] = t
                            self._rt = (k + 1) & self._rm
                    elif r is not True:  # it awaited something foreign
                        from .cancel import _throw

                        if t.coro is not self:  # (a pending cancel wins)
                            _throw(self, t, TypeError(_m(5, r)))  # cannot wait for
                        self._ready(t)
                    elif self._x and t.coro is self:  # cancelled while it ran
                        from .cancel import _throw

                        _throw(self, t, None)
        finally:
            _running = None
            self.cur = None

    run_for = run  # (one method: run_for(seconds) is run(seconds))

    # -- the ready ring, waking, the timer list ---------------------------------
    # A task parks itself (state _PARKED, _w[task] = the list it waits in) and
    # yields True; see _join and waitq._wait.

    def _ready(self, t):
        # Append t to the ready ring. When the tail meets the head, double
        # the ring in place, moving the part before the head to the new half,
        # so the order stays.
        t.state = _READY
        q = self._rq
        k = self._rt
        q[k] = t
        k = (k + 1) & self._rm
        self._rt = k
        h = self._rh
        if k == h:
            n = len(q)
            q.extend(q[:h])
            q.extend([None] * (n - h))
            for i in range(h):
                q[i] = None
            self._rt = n + h
            self._rm = n + n - 1

    def _wake(self, t):
        # Make a parked task ready (anything else is left alone); whoever
        # wakes it has taken it off the list it waited in.
        if t.state == _PARKED:
            del self._w[t]
            self._ready(t)

    # Sleeping tasks in due order: parallel lists of due ticks (_hk) and tasks
    # (_ht), the earliest first. `a` is before `b` when ((a - b + _HALF) &
    # _MAX) < _HALF, which is adafruit_ticks' ticks_diff(a, b) < 0 written
    # out. Insertion is a binary search and one list insert (memmove, in C);
    # tasks due at the same tick wake in the order they slept.

    def _at(self, t, ms):
        # file task t to wake at tick ms
        hk = self._hk
        lo = 0
        hi = len(hk)
        while lo < hi:
            m = (lo + hi) >> 1
            if ((ms - hk[m] + _HALF) & _MAX) < _HALF:  # ms before hk[m]
                hi = m
            else:
                lo = m + 1
        hk.insert(lo, ms)
        self._ht.insert(lo, t)
        t.state = _SLEEPING


_NUMBER = (int, float)  # made once: a tuple literal in a call is built per call


def _ms(seconds):
    # seconds (int or float) -> int milliseconds, with a clear error
    if not isinstance(seconds, _NUMBER):
        raise TypeError(_m(6, seconds))  # seconds must be a number
    ms = round(seconds * 1000)
    if ms < 0:
        return 0
    if ms >= _HALF:
        raise ValueError(_m(7, seconds))  # too long (at most 3 days)
    return ms


def get_loop():
    """The default Loop, made on first use; the module functions use it."""
    global _default
    if _default is None:
        _default = Loop()
    return _default


def add_task(coroutine):
    """:meth:`Loop.add_task` on the default loop."""
    return get_loop().add_task(coroutine)


def run():
    """:meth:`Loop.run` on the default loop."""
    get_loop().run()


def run_later(seconds_to_delay, coroutine):
    """:meth:`Loop.run_later` on the default loop."""
    return get_loop().run_later(seconds_to_delay, coroutine)

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The loop and its tasks.

Time is integer milliseconds of a wrap-safe tick counter (period 2**29, see
``adafruit_ticks``): every int stays far inside +-2**30, so this runs on boards
without long integers.

A task is a :class:`Task` wrapping a coroutine (or a plain generator). Where a
task is, is in ``Task.state``: a heap index (>= 0) while it sleeps, or one of
_READY (in the ready ring, or running), _PARKED (held by something it waits on:
a resource, an event, a join), _DONE or _FAILED. No other bookkeeping exists,
so a sleeping task costs its coroutine, one Task and two heap slots.

The loop only ever calls ``task.coro.send(None)``. To throw an exception into
a task (a cancellation), a one-off :class:`_Throw` stands in for its
coroutine until its next step, so the hot path checks nothing. What the
coroutine yields tells the loop where the task went:

- ``None``: nowhere; it goes to the back of the ready ring (a plain ``yield``
  or ``await delay(0)``);
- ``True``: an awaitable of ours already filed it (timer heap or a wait queue);
- anything else: it awaited something foreign (say asyncio's future); it gets a
  TypeError at that await.
"""

from adafruit_ticks import ticks_add as _ticks_add
from adafruit_ticks import ticks_diff as _ticks_diff
from adafruit_ticks import ticks_ms as _ticks_ms

try:
    from micropython import const
except ImportError:  # CPython without Blinka

    def const(x):
        return x


try:
    from time import sleep_ms as _sleep_ms
except ImportError:  # CircuitPython, CPython
    from time import sleep as _sleep

    def _sleep_ms(ms):
        _sleep(ms / 1000)


_MAX = const(0x1FFFFFFF)  # the tick counter's period, 2**29, less one
_HALF = const(0x10000000)  # half the period: the farthest apart two due times may be
_READY = const(-1)
_PARKED = const(-2)
_DONE = const(-3)
_FAILED = const(-4)
_CHUNK = (None, None, None, None, None, None, None, None)  # heap growth step

_running = None  # the Loop in run(), read by the awaitables
_default = None  # the Loop of the module-level functions


class CancelledError(BaseException):
    """Thrown into a task at its current ``await`` by :meth:`Task.cancel`.

    It derives from BaseException, so ``except Exception`` does not swallow
    it. A task that lets it escape ends cancelled; it is not an error and
    never leaves :meth:`Loop.run`.
    """


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

    loop = None  # the Loop: a class attribute of each loop's own subclass,
    # so a task has two slots (a MicroPython instance of 1-2 attributes is 64
    # bytes on 64-bit, of 3-4 is 96).

    def __init__(self, coro):
        self.coro = coro  # a _Throw while an exception is pending; once ended,
        # the result or the exception
        self.state = _READY

    @property
    def data(self):
        """Once the task has ended: its result, or the exception that ended
        it. None before."""
        return self.coro if self.state < _PARKED else None

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
        if self.state < _PARKED:
            return False
        c = self.coro
        if c.__class__ is _Throw:
            c.e = CancelledError()  # replaces a pending TypeError, if any
        else:
            self.coro = _Throw(self, CancelledError())
        lp = self.loop
        if lp._handed:  # woken with something it will not take: pass it on now
            back = lp._handed.pop(self, None)
            if back is not None:
                back(self)
        lp._kick(self)
        return True

    def __iter__(self):
        return _join(self)

    __await__ = __iter__

    def __repr__(self):
        return "<Task %r>" % (self.coro,)


class _Throw:
    # Stands in for t's coroutine until t's next step, which throws e into it.
    def __init__(self, t, e):
        self.t = t
        self.c = t.coro
        self.e = e

    def send(self, _):
        self.t.coro = self.c
        return self.c.throw(self.e)


def _join(t):
    # The generator behind `await task`: park in the loop's join list of t.
    if t.state > _DONE:
        lp = t.loop
        if lp.cur is t:
            raise RuntimeError("asynccp: a task cannot await itself")
        j = lp._joins.get(t)
        if j is None:
            lp._joins[t] = j = []
        j.append(lp._park(j))
        yield True  # (cancel() takes us out of j)
    if t.state == _FAILED:
        raise t.coro
    return t.coro


class _Aw:
    # Makes a generator awaitable everywhere: CircuitPython's `await` wants
    # __await__, which generators lack there.
    def __init__(self, gen):
        self.g = gen

    def __iter__(self):
        return self.g

    __await__ = __iter__


class _Done:
    # An awaitable that finishes at once with None (__aexit__ returns it).
    def __iter__(self):
        return _EMPTY

    __await__ = __iter__


_EMPTY = iter(())  # spent for good, so one serves every await
_NOW = _Done()


class _Held:
    # `async with x:` for what is taken by awaiting x and given back by
    # x.release(): a resource handle, a semaphore, a lock.
    def __aenter__(self):
        return self

    def __aexit__(self, exc_type, exc, tb):
        self.release()
        return _NOW


def _here():
    # the running loop, for an awaitable; awaited outside it is a clear error
    if _running is None:
        raise RuntimeError("asynccp: awaited outside asynccp's loop")
    return _running


def _wait(q):
    # Park the running task at the end of list q until _give() (or another
    # waker) pops it off q and wakes it; if an exception (a cancellation)
    # comes first, leave q.
    lp = _here()
    t = lp._park(q)
    q.append(t)
    yield True  # (cancel() takes t out of q; see Loop._wake)
    if lp._handed:
        lp._handed.pop(t, None)  # it has taken what it was handed


def _give(q, back):
    # Wake the first waiter of q, handing it something (a permit, the
    # resource, a queue item); returns it, or None if nobody waits. If it is
    # cancelled before it runs, Task.cancel() calls back(task) at once, so
    # what it was handed goes on to the next in line.
    if q:
        t = q.pop(0)
        lp = t.loop
        lp._handed[t] = back
        lp._wake(t)
        return t
    return None


def _coro(coro):
    # add_task()'s check: a coroutine or generator object, not a function
    if not hasattr(coro, "send"):
        raise TypeError(
            "asynccp: expected a coroutine object (call the function: f()), got %r" % (coro,)
        )


class Loop:
    """An event loop. Most programs use the module-level functions, which
    share one default Loop (see :func:`get_loop`).

    ``clock`` is an object with ``ticks_ms()`` and ``sleep_ms(ms)``; the
    default is the platform's tick counter and sleep. With
    :class:`asynccp.testing.VirtualClock` the loop never really sleeps: it
    jumps the clock to the next due time. ``debug=True`` prints a line when a
    scheduled task falls behind and is re-based.
    """

    def __init__(self, debug=False, clock=None):
        self.debug = debug
        if clock is None:
            self._ticks = _ticks_ms
            self._sleep = _sleep_ms
        else:
            self._ticks = clock.ticks_ms
            self._sleep = clock.sleep_ms
        self.cur = None  # the task running now
        self._T = type("Task", (Task,), {"loop": self})  # this loop's tasks
        self.handler = None  # exception handler, see set_exception_handler
        self._S = None  # this loop's ScheduledTask class (see scheduler._new)
        # Ready ring: a power-of-two list, head and tail index (equal when
        # empty; it grows before it would be full). No allocation unless more
        # tasks are ready at once than ever before.
        self._rq = [None] * 8
        self._rm = 7
        self._rh = 0
        self._rt = 0
        # Timer heap: parallel lists of due ticks and tasks, _hn in use.
        self._hk = []
        self._ht = []
        self._hn = 0
        self._parked = {}  # task in _PARKED state -> the list it waits in, or None
        self._joins = {}  # task -> tasks awaiting it
        self._handed = {}  # woken task -> how to pass on what it was handed

    # -- public API ---------------------------------------------------------

    def add_task(self, coroutine):
        """Add a coroutine (or generator) object to run as a new task.

        Does not yield: the task first runs when the calling task next yields
        (or when :meth:`run` starts). Returns its :class:`Task`. TypeError if
        ``coroutine`` is not a coroutine or generator object (for example the
        function itself rather than its call).
        """
        _coro(coroutine)
        t = self._T(coroutine)
        self._ready(t)
        return t

    def run_later(self, seconds_to_delay, coroutine):
        """Add a task that starts ``seconds_to_delay`` seconds from now.

        Does not yield. Returns its :class:`Task`; cancelling it before it
        starts means it never runs.
        """
        _coro(coroutine)
        t = self._T(coroutine)
        self._hpush(t, _ticks_add(self._ticks(), _ms(seconds_to_delay)))
        return t

    def schedule(self, frequency=None, coroutine_function=None, *args, **kwargs):
        """Run ``coroutine_function(*args, **kwargs)`` at a fixed rate, first
        at once. See :class:`asynccp.scheduler.ScheduledTask`."""
        from .scheduler import _new

        return _new(self, frequency, coroutine_function, args, kwargs, False)

    def schedule_later(self, frequency=None, coroutine_function=None, *args, **kwargs):
        """Like :meth:`schedule`, but the first run is one period from now."""
        from .scheduler import _new

        return _new(self, frequency, coroutine_function, args, kwargs, True)

    def delay(self, seconds):
        """The same as :func:`asynccp.delay`."""
        from .delay import delay

        return delay(seconds)

    def suspend(self):
        """Make a way to park the current task until something resumes it.

        Returns ``(awaitable, resume)``. Awaiting ``awaitable`` yields and
        parks the task until ``resume()`` is called (from another task or a
        callback); it returns at once if ``resume()`` came first. ``resume()``
        does not yield and does nothing after the first call or once the
        awaiting task was cancelled. RuntimeError if no task of this loop is
        running.
        """
        if _running is not self:
            raise RuntimeError("asynccp: suspend() needs a running task")
        s = _Suspend()
        return s, s.resume

    def set_exception_handler(self, handler):
        """Send exceptions that end tasks to ``handler(task, exception)``.

        By default (and after ``set_exception_handler(None)``) an exception
        that ends a task nobody awaits leaves :meth:`run`. With a handler, it
        is passed to the handler and the other tasks go on. CancelledError is
        never passed; KeyboardInterrupt and SystemExit always leave run().
        """
        self.handler = handler

    def run(self):
        """Run tasks until none is left; returns then.

        Raises what a task raised if no handler is set (see
        :meth:`set_exception_handler`); the loop stays usable and run() can
        be called again. RuntimeError if tasks still wait on something that
        nothing left can give them (a deadlock), naming them.
        """
        self._go(None)

    def run_for(self, seconds):
        """Run tasks for ``seconds`` of this loop's clock, then return.

        Tasks due before the deadline run; the rest stay for the next call.
        With a virtual clock this runs simulated time exactly and fast (but
        never returns while a task keeps yielding without sleeping, since
        virtual time only moves while the loop would sleep).
        """
        self._go(_ticks_add(self._ticks(), _ms(seconds)))

    # -- the run loop -------------------------------------------------------

    def _go(self, stop):
        global _running
        if _running is not None:
            raise RuntimeError("asynccp: a loop is already running")
        _running = self
        try:
            self._loop(stop)
        finally:
            _running = None
            self.cur = None

    def _loop(self, stop):
        ticks = self._ticks
        hk = self._hk  # grown in place, so these stay the heap's lists
        while True:
            now = ticks()
            if stop is not None and ((now - stop + _HALF) & _MAX) >= _HALF:
                return
            # Due timers join the ready ring, earliest first.
            while self._hn and ((hk[0] - now + _HALF) & _MAX) <= _HALF:
                self._ready(self._hpop())
            if self._rh == self._rt:
                if self._hn:
                    dt = _ticks_diff(hk[0], now)
                elif stop is None:
                    if self._parked:
                        raise RuntimeError(
                            "asynccp: tasks wait for something nothing can give them: %s"
                            % ", ".join([repr(t) for t in self._parked])
                        )
                    return
                else:
                    dt = _ticks_diff(stop, now)
                if stop is not None and _ticks_diff(stop, now) < dt:
                    dt = _ticks_diff(stop, now)
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
                    self._end(t, _DONE, x.value)
                    continue
                except BaseException as x:
                    self._end(t, _FAILED, x)
                    continue
                if r is None:
                    # back of the ring (inline _ready: this is the hot path)
                    k = self._rt
                    q[k] = t
                    k = (k + 1) & self._rm
                    self._rt = k
                    if k == h:
                        self._grow()
                elif r is not True:
                    if t.coro.__class__ is not _Throw:  # a pending cancel wins
                        t.coro = _Throw(
                            t,
                            TypeError(
                                "asynccp: a task awaited %r, which asynccp cannot wait for" % (r,)
                            ),
                        )
                    self._ready(t)
                elif t.coro.__class__ is _Throw:  # cancelled while it ran
                    self._kick(t)

    def _end(self, t, state, value):
        t.coro = value
        t.state = state
        j = self._joins.pop(t, None) if self._joins else None
        if j:  # (a cancelled waiter has left j already)
            while j:
                self._wake(j.pop(0))
        elif state == _FAILED and not isinstance(value, CancelledError):
            h = self.handler
            if h is None or not isinstance(value, Exception):
                raise value
            h(t, value)

    # -- queues, for this package's awaitables --------------------------------

    def _ready(self, t):
        # append to the ready ring
        t.state = _READY
        k = self._rt
        self._rq[k] = t
        k = (k + 1) & self._rm
        self._rt = k
        if k == self._rh:
            self._grow()

    def _grow(self):
        # The ring is full (tail met head): double it in place, moving the
        # part before the head to the new half, so the order stays.
        q = self._rq
        n = len(q)
        h = self._rh
        q.extend(q[:h])
        q.extend([None] * (n - h))
        for i in range(h):
            q[i] = None
        self._rt = n + h
        self._rm = n + n - 1

    def _park(self, q=None):
        # File the running task as waiting on something; returns it. The
        # caller puts it in list q (its queue) and yields True.
        t = self.cur
        t.state = _PARKED
        self._parked[t] = q
        return t

    def _wake(self, t):
        # Make a parked task ready (anything else is left alone), out of the
        # queue it waited in: so a cancelled waiter leaves it at once.
        if t.state == _PARKED:
            q = self._parked.pop(t)
            if q and t in q:
                q.remove(t)
            self._ready(t)

    def _kick(self, t):
        # t has an exception pending: make it run soon, wherever it is.
        s = t.state
        if s >= 0:
            self._hremove(s)
            self._ready(t)
        else:
            self._wake(t)

    # -- the timer heap: a binary min-heap on wrap-safe tick order -------------
    # `a` is before `b` when ((a - b + _HALF) & _MAX) < _HALF, which is
    # adafruit_ticks' ticks_diff(a, b) < 0 written out, to save a call on the
    # hot path. Each task keeps its heap index in state, so removal is O(log n).

    def _hpush(self, t, key):
        n = self._hn
        if n == len(self._hk):
            self._hk.extend(_CHUNK)
            self._ht.extend(_CHUNK)
        self._hn = n + 1
        self._up(t, key, n)

    def _hpop(self):
        ht = self._ht
        t = ht[0]
        self._hremove(0)
        return t

    def _hremove(self, i):
        n = self._hn - 1
        self._hn = n
        k = self._hk[n]
        t = self._ht[n]
        self._ht[n] = None
        if i < n:
            self._down(t, k, i)
            if t.state == i:
                self._up(t, k, i)

    def _up(self, t, key, i):
        hk = self._hk
        ht = self._ht
        while i:
            p = (i - 1) >> 1
            pk = hk[p]
            if ((key - pk + _HALF) & _MAX) >= _HALF:
                break
            u = ht[p]
            hk[i] = pk
            ht[i] = u
            u.state = i
            i = p
        hk[i] = key
        ht[i] = t
        t.state = i

    def _down(self, t, key, i):
        hk = self._hk
        ht = self._ht
        n = self._hn
        while True:
            c = 2 * i + 1
            if c >= n:
                break
            ck = hk[c]
            if c + 1 < n and ((hk[c + 1] - ck + _HALF) & _MAX) < _HALF:
                c += 1
                ck = hk[c]
            if ((ck - key + _HALF) & _MAX) >= _HALF:
                break
            u = ht[c]
            hk[i] = ck
            ht[i] = u
            u.state = i
            i = c
        hk[i] = key
        ht[i] = t
        t.state = i


class _Suspend:
    # suspend()'s awaitable. `t` is the task parked in it, while it is.
    def __init__(self):
        self.t = None
        self.fired = False

    def resume(self):
        self.fired = True
        t = self.t
        if t is not None:
            self.t = None
            t.loop._wake(t)

    def __iter__(self):
        return _suspend(self)

    __await__ = __iter__


def _suspend(s):
    if not s.fired:
        s.t = _running._park()
        try:
            yield True
        finally:
            s.t = None


_NUMBER = (int, float)  # made once: a tuple literal in a call is built per call


def _ms(seconds):
    # seconds (int or float) -> int milliseconds, with a clear error
    if not isinstance(seconds, _NUMBER):
        raise TypeError("asynccp: seconds must be a number, got %r" % (seconds,))
    ms = round(seconds * 1000)
    if ms < 0:
        return 0
    if ms >= _HALF:
        raise ValueError("asynccp: %r seconds is too long (at most 3 days)" % (seconds,))
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


def run_later(seconds_to_delay, coroutine):
    """:meth:`Loop.run_later` on the default loop."""
    return get_loop().run_later(seconds_to_delay, coroutine)


def run():
    """:meth:`Loop.run` on the default loop."""
    get_loop().run()


def suspend():
    """:meth:`Loop.suspend` on the default loop."""
    return get_loop().suspend()


def set_exception_handler(handler):
    """:meth:`Loop.set_exception_handler` on the default loop."""
    get_loop().set_exception_handler(handler)

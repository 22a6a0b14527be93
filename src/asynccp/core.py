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

RAM is the budget. On a 32 KB board about 19 KB of heap is left for code.py,
and an imported module holds, for good, every function it defines (about 55
bytes before its body), class (about 180) and new name (about 17) it uses.
So this module keeps running tasks and delays only. Cancelling (``task``)
and awaiting a task (``join``), waiting in line (``waitq``), schedules,
``suspend`` and the error message texts are in modules a program loads when
it first uses them (``lazy``: the one way asynccp loads on first use).

Loading costs more than what stays: reading a module makes garbage (on a
board, the file object alone is about 550 bytes), and garbage left between
what the module keeps fragments the heap. So every board module calls
``_gc()`` after its imports and again last: the garbage of loading it goes
before it makes what it keeps, and the garbage of running its body goes
before the next module loads (whole programs then fit in about a tenth less
heap: docs/guides/small_boards.rst).

Private attribute names are short (each distinct name is a string the
board keeps) and each means one thing across the package
(tests/test_constants.py checks that every one in use is in this list):

- a Loop: ``_q`` its ready ring, with head ``_h``, tail ``_t`` and mask
  ``_n``; ``_k`` and ``_s`` the timer list's due ticks and tasks; ``_w``
  a parked task -> the list it waits in; ``_j`` a task -> the tasks
  awaiting it; ``_x`` a task -> the exception pending for it; ``_at``
  files a task in the timer list;
- a primitive: ``_q`` its waiting tasks (first come, first served); ``_v``
  a semaphore's or lock's count; a queue's ring ``_b`` with head ``_h``
  and ``_ni`` items, getters ``_gq`` and putters ``_pq`` waiting, ``_gr``
  items and ``_pr`` slots promised to ones woken and not yet run, ``_jq``
  the tasks in join();
- a ManagedResource: ``_ot`` the owner task, ``_oh`` the owner's handle;
  a Handle: ``_rs`` its resource;
- an asyncio task: ``_c`` its coroutine (for the exception report), ``_r``
  True once its result or exception was retrieved;
- a Duration: ``_ms`` and ``_us``; a Tracer's rows: ``_kd`` kind, ``_st``
  start, ``_e`` end, ``_l`` lateness, ``_i`` the next row;
- a module: ``_gc`` gc.collect (or nothing, on CPython), ``_m`` the error
  message function.
"""

from micropython import const  # CPython: Blinka's (adafruit_ticks needs Blinka too)

# _TUPLE_ITER: awaitables end by a tuple's iterator, not by raising StopIteration
# from a Python __next__. CircuitPython gives the exception a new traceback
# object each time (32 bytes on a board); CPython raises slowly (delay(0)
# switches about 1.4x faster without). MicroPython does neither: there they
# are their own iterators, allocating nothing. (See asynccp.delay.)
try:
    from supervisor import ticks_ms as _ticks  # CircuitPython: ms mod 2**29

    _TUPLE_ITER = True  # (CircuitPython)
except ImportError:
    from adafruit_ticks import ticks_ms as _ticks  # picks MicroPython's or CPython's clock

    _TUPLE_ITER = False  # (so far: CPython sets it below)

from gc import collect as _gc  # (see the module docstring)

try:
    from time import sleep_ms as _sleep
except ImportError:  # CircuitPython, CPython
    if not _TUPLE_ITER:  # CPython (not CircuitPython): no help needed there, and a
        _gc = int  # full collection takes ms (int(): a call that does nothing)
    _TUPLE_ITER = True  # (module code: its bytes are freed once imported)

    def _sleep(ms):
        # (imported here: a module-level `sleep` would be asynccp.sleep,
        # time.sleep, through the package's `from .core import *`)
        from time import sleep

        sleep(ms / 1000)


_MAX = const(0x1FFFFFFF)  # the tick counter's period, 2**29, less one
_HALF = const(0x10000000)  # half the period: the farthest apart two due times may be
_SLEEPING = const(0)
_READY = const(-1)
_PARKED = const(-2)
_DONE = const(-3)
_FAILED = const(-4)
del const  # (not asynccp.const, through the package's `from .core import *`)
_gc()

_running = None  # the Loop in run(), read by the awaitables
_default = None  # the Loop of the module-level functions
_Cancelled = ()  # asynccp.task puts its CancelledError here when it loads


class Task:
    """A coroutine run by a :class:`Loop`; made by :meth:`Loop.add_task`.

    ``await task`` (``yield from task`` in a generator) waits until the task
    ends and gives its return value, or raises the exception that ended it
    (CancelledError if it was cancelled). It yields unless the task has
    already ended. If the waiting task is cancelled meanwhile, it stops
    waiting; the awaited task goes on.

    A task that ends with an exception while another task awaits it hands the
    exception to that task; otherwise the exception goes to the loop's
    exception handler, or leaves :meth:`Loop.run`. (Awaiting a task loads
    ``asynccp.join``.)
    """

    # Loop.add_task makes a task and sets its coro (and loop): no __init__. coro
    # is the loop while an exception is pending for the task (see
    # asynccp.task), and once the task has ended, its result or the exception
    # that ended it.
    state = _READY
    # The first default Loop (see get_loop). A task of that loop needs no
    # loop attribute of its own: an instance of 2 attributes is one GC block
    # smaller than one of 3 (16 bytes on a board, 32 on 64-bit).
    loop = None

    def done(self):
        """True once the task has returned, raised or been cancelled."""
        return self.state < _PARKED

    def cancel(self):
        """Cancel the task: throw CancelledError into it at its current await.

        Does not yield. The exception arrives the next time the task runs,
        which is soon: a task sleeping or waiting is woken for it (and leaves
        the queue it waited in). Its ``finally`` blocks run; it may catch the
        exception and go on. A task that cancels itself gets the exception at
        its next await. A :class:`ScheduledTask`'s schedule ends too: no
        run starts after this, even if the run in progress catches the
        exception. Returns False if the task had already ended (nothing
        happens), else True. (This loads ``asynccp.task``.)
        """
        from .task import cancel

        return cancel(self)

    def __iter__(self):
        from .join import join

        return join(self)

    __await__ = __iter__


def _m(n, *args):
    # Error message n of asynccp/messages.py with args filled in. The texts
    # load only while a message is made (held for good, each would cost a
    # board about 90 bytes of RAM): messages._m lets them go again.
    # tests/test_messages.py checks that the comment at each call quotes the
    # text.
    try:
        from .messages import _m  # (that module's: the text itself)

        return _m(n, args)
    except (ImportError, MemoryError):  # messages.mpy not on the board, or no room
        # (the docs list the texts by number)
        return "asynccp error %d %r: circuitpython-asynccp.readthedocs.io/en/latest/errors.html" % (
            n,
            args,
        )


def _method(self, name):
    # __getattr__ of a class whose methods load on first use (Loop,
    # ScheduledTask, Duration; their class attribute _lazy names them in
    # asynccp/lazy.py's table, Loop's is "Loop")
    from .lazy import method

    return method(self, name)


class Loop:
    """An event loop. Most programs use the module-level functions, which
    share one default Loop (see :func:`get_loop`).

    ``clock`` is an object with ``ticks_ms()`` and ``sleep_ms(ms)``; the
    default is the platform's tick counter and sleep. With
    :class:`asynccp.testing.VirtualClock` the loop never really sleeps: it
    jumps the clock to the next due time. ``debug=True`` prints a line when a
    scheduled task falls behind and is re-based.

    ``run_later``, ``set_exception_handler``, ``schedule``,
    ``schedule_later`` and ``suspend`` are methods too: their modules add
    them to Loop when they load, and a loop loads them when one is first
    asked for.
    """

    handler = None  # exception handler, see set_exception_handler
    cur = None  # the task running now
    _j = None  # task -> tasks awaiting it (made by asynccp.task)
    __getattr__ = _method  # run_later, schedule, ...: see asynccp/lazy.py

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
        self._q = [None] * 8
        self._n = 7
        self._h = 0
        self._t = 0
        self._k = []  # the timer list: due ticks and tasks, earliest first
        self._s = []
        # Parked task -> the list it waits in; or, once woken and handed
        # something (a permit, an item), until it runs: how to pass that on
        # if it is cancelled first (see waitq). Empty: nothing waits.
        self._w = {}
        self._x = {}  # task -> (its coroutine, exception pending for it): see task

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
        if self is not Task.loop:
            t.loop = self
        self._ready(t)
        return t

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
        ticks = self._ticks
        stop = None if seconds is None else (ticks() + _ms(seconds)) & _MAX
        _running = self
        k = self._k  # changed in place, so these stay the timer lists
        s = self._s
        try:
            while True:
                now = ticks()
                left = _HALF if stop is None else ((stop - now + _HALF) & _MAX) - _HALF
                if left <= 0:
                    return
                # Due timers join the ready ring, earliest first.
                while k and ((k[0] - now + _HALF) & _MAX) <= _HALF:
                    k.pop(0)
                    self._ready(s.pop(0))
                if self._h == self._t:  # nothing ready: sleep to a timer or the stop
                    dt = ((k[0] - now + _HALF) & _MAX) - _HALF if k else left
                    if dt > left:
                        dt = left
                    elif dt == _HALF:  # nothing sleeps, and no stop: done
                        if self._w:  # a deadlock: name the waiting tasks
                            raise RuntimeError(_m(4, self._w))  # nothing can give them
                        return
                    self._sleep(dt)
                    continue
                # Run every task ready now, once; tasks readied meanwhile wait
                # for the next round, after the timers are checked again. The
                # ring list grows in place, so q stays valid; its mask may not.
                q = self._q
                h = self._h
                n = (self._t - h) & self._n
                while n:
                    n -= 1
                    t = q[h]
                    q[h] = None
                    h = (h + 1) & self._n
                    self._h = h
                    self.cur = t
                    try:
                        r = t.coro.send(None)
                    except StopIteration as x:
                        t.state = _DONE
                        r = x  # (not None, which a task that ended may return)
                    except BaseException as x:
                        t.state = _FAILED
                        r = x
                    if r is None:
                        # back of the ring (_ready inline: this is the hot path)
                        i = self._t
                        j = (i + 1) & self._n
                        if j == h:
                            self._ready(t)  # the ring is full: it grows
                        else:
                            q[i] = t
                            self._t = j
                    elif t.state < _PARKED:  # it ended: r is its exception or StopIteration
                        if t.state == _DONE:
                            r = r.value
                        t.coro = r
                        j = self._j.pop(t, None) if self._j else None
                        if j:  # awaited: the joiners get it (a cancelled one left j)
                            while j:
                                self._wake(j.pop(0))
                        elif t.state == _FAILED and not isinstance(r, _Cancelled):
                            if self.handler is None or not isinstance(r, Exception):
                                _m(45, r)  # awaitable) was awaited in an asynccp task
                                raise r
                            self.handler(t, r)
                    elif r is not True or t.coro is self:
                        # it awaited something foreign, or was cancelled while
                        # it ran (the loop stands in for its coroutine)
                        from .task import _throw

                        if r is True:
                            _throw(self, t, None)
                        else:
                            if t.coro is not self:  # (a pending cancel wins)
                                _throw(self, t, TypeError(_m(5, r)))  # cannot wait for
                            self._ready(t)
        finally:
            _running = None
            self.cur = None

    run_for = run  # (one method: run_for(seconds) is run(seconds))

    # -- the ready ring, parking and waking, the timer list --------------------

    def _ready(self, t):
        # Append t to the ready ring. When the tail meets the head, double
        # the ring in place, moving the part before the head to the new half,
        # so the order stays.
        t.state = _READY
        q = self._q
        i = self._t
        q[i] = t
        i = (i + 1) & self._n
        self._t = i
        h = self._h
        if i == h:
            n = len(q)
            q.extend(q[:h])
            q.extend([None] * (n - h))
            for i in range(h):
                q[i] = None
            self._t = n + h
            self._n = n + n - 1

    def _park(self, t, q):
        # The one way a task waits for another task to wake it: the running
        # task t, parked in q (the list it waits in, if any: a cancellation
        # takes it off, see task._throw), yields True next, and runs again
        # after _wake(t). (Not appended to q: a join or a queue of waiters
        # appends; gather and a socket wait do not.)
        t.state = _PARKED
        self._w[t] = q

    def _wake(self, t):
        # Make a parked task ready (anything else is left alone); whoever
        # wakes it has taken it off the list it waited in.
        if t.state == _PARKED:
            del self._w[t]
            self._ready(t)

    # Sleeping tasks in due order: parallel lists of due ticks (_k) and tasks
    # (_s), the earliest first. `a` is before `b` when ((a - b + _HALF) &
    # _MAX) < _HALF, which is adafruit_ticks' ticks_diff(a, b) < 0 written
    # out. Insertion is a binary search and one list insert (memmove, in C);
    # tasks due at the same tick wake in the order they slept.

    def _at(self, t, ms):
        # file task t to wake at tick ms
        k = self._k
        lo = 0
        hi = len(k)
        while lo < hi:
            m = (lo + hi) >> 1
            if ((ms - k[m] + _HALF) & _MAX) < _HALF:  # ms before k[m]
                hi = m
            else:
                lo = m + 1
        k.insert(lo, ms)
        self._s.insert(lo, t)
        t.state = _SLEEPING


def _ms(seconds, number=(int, float)):
    # seconds (int or float) -> int milliseconds, with a clear error. (The
    # tuple is made once, as a default: a tuple in the call would be made
    # at each call.)
    if not isinstance(seconds, number):
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
        if Task.loop is None:  # (never changed after: its tasks rely on it)
            Task.loop = _default
    return _default


def add_task(coroutine):
    """:meth:`Loop.add_task` on the default loop."""
    return get_loop().add_task(coroutine)


def run():
    """:meth:`Loop.run` on the default loop."""
    get_loop().run()


_gc()

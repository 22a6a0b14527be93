# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Fixed-rate scheduled tasks: ``schedule(80, check_button)``.

A period is kept exactly, as whole milliseconds ``q`` plus a fraction
``r/den`` (80 Hz: 12 + 1/2 ms; 7 Hz: 142 + 6/7 ms). Due times are integer
ticks; the fraction accumulates in ``acc`` and carries one millisecond when
it reaches ``den``. So 80 Hz runs exactly 288000 times an hour, with ints
far below 2**30 and no float in the arithmetic.

A ScheduledTask is a task that is its own coroutine: the loop's ``send``
starts a run when one is due (calling the function), or steps the run in
progress, passing the run's yields to the loop and the loop's exceptions
(a cancellation) to the run's ``await``. So runs never overlap, and a
schedule waiting for its next run costs one object and two timer-list slots.
"""

from micropython import const

from .core import Loop, Task, _gc, _m, _method, get_loop

_gc()

_MAX = const(0x1FFFFFFF)  # the tick period less one (see core)
_HALF = const(0x10000000)

# Catch-up policies for a task that falls behind.
REBASE = 0  # default: run at once; more than two periods behind, restart the grid from now
BURST = 1  # run back to back until caught up with the grid
SKIP = 2  # drop the missed runs; next run at the first grid time not before now


def _period(frequency):
    # frequency (Hz, or a Duration period) -> (q, r, den): q + r/den ms.
    # r < den <= 10**8, so the fraction's sums stay far below 2**30.
    if hasattr(frequency, "_us"):  # a Duration, without importing its module
        q, r, den = frequency._ms, frequency._us, 1000
        if q < 0 or not (q or r):
            raise ValueError(_m(11, frequency))  # the period must be above zero
    elif isinstance(frequency, (int, float)) and not isinstance(frequency, bool):
        if not frequency > 0:
            raise ValueError(_m(12, frequency))  # the frequency must be above zero
        if frequency > 100000:
            raise ValueError(_m(13, frequency))  # Hz is too fast (at most 100 kHz)
        n, den = 1000, frequency
        if isinstance(frequency, float):
            # Either the rate is exact in mHz (8.3 Hz) or the period is
            # exact in us (1/3 Hz): take whichever is closer to the float.
            want = 1000 / frequency
            den = round(frequency * 1000)
            n = round(want * 1000)
            if den and abs(1000000 / den - want) <= abs(n / 1000 - want):
                n = 1000000
            else:
                den = 1000
        q, r = divmod(n, den)
    else:
        raise TypeError(_m(14, frequency))  # frequency must be a number in Hz or a Duration
    if q >= 0x8000000:  # ticks_add allows under 2**28 ms; keep room for lateness
        raise ValueError(_m(15, frequency))  # is too long (at most 37 hours)
    return q, r, den


class ScheduledTask(Task):
    """A function run at a fixed rate; made by :func:`schedule`.

    Each due time starts one run: the function is called with its arguments
    and, if it returns a coroutine or generator, that is run to the end.
    Runs never overlap. The next run is due one period after the previous
    due time, so the rate does not drift. A run that is due already starts
    after one turn of the ready ring (every other ready task runs first), so
    a schedule that is behind never starves the rest. After each run, the
    next due time is compared with now; if it has passed, the ``catch_up``
    policy decides: :data:`REBASE` (the default, as in asynccp 0.1.x: if it
    passed by more than two periods, the grid restarts from now, else the
    next run starts at once), :data:`BURST` (always at once, until caught
    up) or :data:`SKIP` (the first grid time not before now). ``hz=`` is accepted
    for ``frequency`` (asynccp 0.1.x code uses it).

    An exception from a run goes to the loop's exception handler, if one is
    set, and the schedule goes on; with no handler it leaves
    :meth:`asynccp.Loop.run`, ending the schedule.

    A ScheduledTask is the :class:`~asynccp.Task` that drives the runs:
    ``done()`` tells whether the schedule has ended, ``await st`` waits for
    that, and the exception handler gets it as the task.

    :meth:`stop`, :meth:`start` and :meth:`change_rate` are in
    ``asynccp.schedctl``, loaded the first time one is used.
    """

    # Defaults as class attributes: an instance stores only what differs
    # (a MicroPython instance of up to 12 attributes takes 224 bytes on
    # 64-bit, of 13 to 17, 304).
    args = ()
    kwargs = {}
    catch_up = REBASE

    def __init__(self, loop, frequency, coroutine_function, args, kwargs, later):
        # (made by Loop.schedule and schedule_later; kwargs go to the messages
        # of errors 16 and 17, and to _period as the frequency if there is
        # none, which it refuses: they name a misspelled keyword)
        if frequency is None:  # asynccp 0.1.x code passes the rate as hz=
            frequency = kwargs.pop("hz", kwargs)
        if not callable(coroutine_function) or hasattr(coroutine_function, "send"):
            raise TypeError(_m(16, coroutine_function, kwargs))  # schedule takes a function
        c = kwargs.pop("catch_up", REBASE)
        # (c: REBASE to SKIP; catchup=, a misspelling, is refused: made of
        # "catch_up", no new interned name, and only if there are keywords)
        k = "catch_up"
        if type(c) is not int or c < 0 or c > 2 or kwargs and k[:5] + k[6:] in kwargs:
            raise ValueError(_m(17, c, kwargs))  # catch_up must be REBASE, BURST or SKIP
        self.q, self.r, self.den = _period(frequency)  # the period: q + r/den ms
        if c:  # (not REBASE)
            self.catch_up = c
        if loop is not Task.loop:  # (the default loop's tasks take it from the class)
            self.loop = loop
        self.fn = coroutine_function
        if args:
            self.args = args
        if kwargs:
            self.kwargs = kwargs
        self.runs = 0  # runs started
        self._start(later)

    def _start(self, later):
        # (Re)start the grid from now and file the task: in the ready ring,
        # or one period from now in the timer list. The task is its own
        # coroutine: the loop's send() starts a run, or steps the run in
        # progress (c).
        lp = self.loop
        self.acc = 0
        self.stopped = False
        self.c = None  # the run in progress: its coroutine, or True in the call
        self.coro = self
        self.due = lp._ticks()
        if later:
            self._advance()
            lp._at(self, self.due)
        else:
            lp._ready(self)

    def _advance(self):
        # due += one period, carrying the fraction
        q = self.q
        acc = self.acc + self.r
        if acc >= self.den:
            acc -= self.den
            q += 1
        self.acc = acc
        self.due = (self.due + q) & _MAX

    # -- the loop drives us through send (and throw) ---------------------------
    # Each step of a run is passed straight to its coroutine; what it yields
    # goes back to the loop, and the loop's exception (a cancellation) goes
    # to the run's await.

    def send(self, _, e=None):
        c = self.c
        if c is None:  # woken: a run is due (stop() ends a waiting schedule at once)
            if e is not None:  # between runs: a cancellation ends the schedule
                raise e
            self.runs += 1
            self.c = True  # in the call: stop() lets it finish
            try:
                c = self.fn(*self.args, **self.kwargs)
            except Exception as x:
                return self._ran(x)
            if c is None or not hasattr(c, "send"):
                return self._ran()
            self.c = c
        # (c.send and c.throw are called, not passed around: a bound method
        # would be made per step)
        try:
            return c.send(None) if e is None else c.throw(e)
        except StopIteration:
            pass
        except Exception as x:
            return self._ran(x)
        except BaseException:  # CancelledError and friends end the schedule
            self.c = None
            raise
        return self._ran()

    def _ran(self, x=None):
        # A run is over. If it raised x: to the handler, or out of run()
        # (ending the schedule). Then work out the next due time and sleep
        # until it, or, if it has come already, wait one turn of the ready
        # ring. (SKIP and REBASE are written 2 and 0 here, and lp is read once:
        # the bytes saved pay for __init__'s check of the keywords.)
        self.c = None
        lp = self.loop
        if x:  # (an exception, or None)
            h = lp.handler
            if h is None:
                raise x
            h(self, x)
        if self.stopped:
            raise StopIteration
        self._advance()
        now = lp._ticks()
        late = ((now - self.due + _HALF) & _MAX) - _HALF
        if late > 0:
            if self.catch_up == 2:  # SKIP
                while ((self.due - now + _HALF) & _MAX) < _HALF:  # before now (not at now)
                    self._advance()
            elif not self.catch_up and late > 2 * self.q + 2 * self.r // self.den:  # REBASE
                if lp.debug:
                    print(_m(18, self.fn, late))  # ms behind; re-based
                self.due = now
                self.acc = 0
        if ((self.due - now + _HALF) & _MAX) > _HALF:  # after now
            lp._at(self, self.due)
            return True
        return None

    # -- control ------------------------------------------------------------------
    # stop(), start(), change_rate(), throw() (how a cancellation reaches a
    # run) and the 0.1.x ``task`` attribute live in asynccp/schedctl.py,
    # which adds them to ScheduledTask when it loads: a small app that only
    # schedules never loads them.

    _lazy = "ScheduledTask"  # its name in asynccp/lazy.py's table (subclasses too)
    __getattr__ = _method


def _schedule(self, frequency=None, coroutine_function=None, *args, **kwargs):
    """Run ``coroutine_function(*args, **kwargs)`` on this loop at a fixed
    rate, first at once. See :func:`schedule`."""
    return ScheduledTask(self, frequency, coroutine_function, args, kwargs, False)


Loop.schedule = _schedule  # Loop loads this module for it


def schedule(frequency=None, coroutine_function=None, *args, **kwargs):
    """Run ``coroutine_function(*args, **kwargs)`` ``frequency`` times a
    second on the default loop, first at once; returns a
    :class:`ScheduledTask`.

    ``frequency`` is a number in Hz or a Duration (the period). The keyword
    ``catch_up`` (REBASE, BURST, SKIP) is taken by asynccp, not passed on.
    Does not yield. TypeError if the function is not callable or is a
    coroutine object (pass ``f``, not ``f()``), or ``frequency`` is not a
    number or Duration; ValueError if the rate is zero or below.
    Generator form: the function may return a generator instead of a
    coroutine.
    """
    return get_loop().schedule(frequency, coroutine_function, *args, **kwargs)


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").ScheduledTask = ScheduledTask
__import__("asynccp").schedule = schedule
_gc()

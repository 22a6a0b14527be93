# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Seeing time: record what ran when, and dump it as CSV.

Optional: nothing else in asynccp imports this module, so it costs nothing
until you import it. ::

    import asynccp
    from asynccp import trace

    tracer = trace.Tracer(256)   # the last 256 steps
    tracer.watch_all()           # every task and schedule made from now on
    asynccp.schedule(80, check_button)
    ...
    asynccp.run()

    # somewhere (a button press, an exception handler, every minute):
    tracer.dump()                # CSV on the serial console

On a desktop, ``asynccp-timeline trace.csv -o timeline.png`` draws the dump.

**What a record is.** The loop runs a task in *steps*: it resumes the task,
which runs until its next ``await`` that waits (or until it ends). Each step
of a watched task is one record: the task's name, the tick it started, the
tick it ended, and for the first step of a scheduled run how late that run
started. For a schedule, the steps recorded are those of each run of its
function (a plain function that returns no coroutine is one step per call).

**Lateness.** ``late_ms`` is set on the first step of each run of a
:class:`~asynccp.scheduler.ScheduledTask`: the run's start minus the time it
was due (its place on the schedule's grid, after any re-basing by the
catch-up policy). For a task made with ``run_later`` it is set on its first
step: start minus the requested start. Every other step has none.

**Cost.** A record is four numbers written into preallocated arrays used as
a ring: recording allocates nothing (checked with ``gc.mem_alloc()`` on
MicroPython), and once the ring is full each record replaces the oldest.
``size`` records take 14 bytes each (``array`` available) or four list slots
each. Ticks are the watched task's loop clock (whole milliseconds; with a
:class:`~asynccp.testing.VirtualClock`, simulated time), so a step shorter
than a millisecond shows as 0 ms.
"""

from . import core as _core

try:
    from array import array as _array
except ImportError:  # a build without the array module: plain lists
    _array = None

_core._gc()

_MAX = 0x1FFFFFFF  # the tick counter's period less one (see core)
_HALF = 0x10000000

HEADER = "task,start_ms,end_ms,late_ms"


def _diff(a, b):
    # ticks_diff(a, b), inline: no call into adafruit_ticks per record
    return ((a - b + _HALF) & _MAX) - _HALF


def _name_of(obj):
    # A readable name for a function, bound method, coroutine or generator.
    for attr in ("__qualname__", "__name__"):
        try:
            n = getattr(obj, attr)
        except AttributeError:
            continue
        if isinstance(n, str):
            i = n.rfind(".<locals>.")  # CPython: f.<locals>.g -> g
            return n[i + 10 :] if i >= 0 else n
    # MicroPython and CircuitPython generators have no __name__, but their
    # repr is "<generator object 'name' at ...>".
    r = repr(obj)
    i = r.find("'")
    j = r.find("'", i + 1)
    if 0 <= i < j:
        return r[i + 1 : j]
    return "task"


class Tracer:
    """A fixed-size ring of step records.

    ``size`` is the number of records kept (at least 1). Set
    :attr:`recording` to False to freeze the ring (say, right after the
    glitch you are looking for) and True to go on.
    """

    def __init__(self, size=256):
        if not isinstance(size, int) or size < 1:
            raise ValueError(_core._m(30, size))  # a Tracer needs size >= 1
        self.size = size
        #: False: steps are not recorded (the ring keeps what it has).
        self.recording = True
        #: The watched names; a record holds an index into this list.
        self.names = []
        if _array is not None:
            zeros = [0] * size
            self._kd = _array("H", zeros)
            self._st = _array("i", zeros)
            self._e = _array("i", zeros)
            self._l = _array("i", zeros)
        else:
            self._kd = [0] * size
            self._st = [0] * size
            self._e = [0] * size
            self._l = [0] * size
        self._i = 0  # next slot
        self._full = False  # the ring has wrapped: every slot holds a record

    # -- watching -----------------------------------------------------------

    def watch(self, what, name=None):
        """Record the steps of ``what``, a :class:`~asynccp.Task` or a
        :class:`~asynccp.scheduler.ScheduledTask`, under ``name`` (default:
        the function's or coroutine's name). Returns ``what``.

        Tasks with the same name share a name (and a row of the timeline).
        A schedule stays watched when it is stopped and started again.
        Watching something already watched only renames it. Does not yield.
        """
        if hasattr(what, "fn") and hasattr(what, "runs"):  # a ScheduledTask
            fn = what.fn
            run = isinstance(fn, _Run)
            k = self._index(name or _name_of(fn.fn if run else fn))
            if run:
                fn.k = k
            else:
                what.fn = (_RunKw if what.kwargs else _Run)(self, what, fn, k)
            return what
        if what.done():
            return what
        lp = what.loop
        pending = lp._x.get(what) if what.coro is lp else None  # (coroutine, exception)
        inner = pending[0] if pending else what.coro
        if type(inner) is _Task:
            if name:
                inner.k = self._index(name)
            return what
        w = _Task(self, what, inner, self._index(name or _name_of(inner)))
        if pending:
            lp._x[what] = (w, pending[1])  # a cancellation is pending: it is thrown into w
        else:
            what.coro = w
        return what

    def watch_all(self, loop=None):
        """Watch every task of ``loop`` (default: the default loop): those
        it has now, and every task and schedule it is given from now on
        (``add_task``, ``run_later``, ``schedule``, ``schedule_later``, and
        the module-level functions that call them).

        Schedules made earlier are watched too, under their function's
        name. Does not yield.
        """
        lp = loop if loop is not None else _core.get_loop()
        tasks = [t for t in lp._q if t is not None]
        tasks += lp._s
        tasks += list(lp._w)
        if lp.cur is not None:
            tasks.append(lp.cur)
        for t in tasks:
            self.watch(t)
        tracer = self
        add_task = lp.add_task
        run_later = lp.run_later
        schedule = lp.schedule
        schedule_later = lp.schedule_later

        def traced_add_task(coroutine):
            t = add_task(coroutine)
            tracer.watch(t)
            return t

        def traced_run_later(seconds_to_delay, coroutine):
            t = run_later(seconds_to_delay, coroutine)
            tracer.watch(t)
            if t.state == 0:  # in the timer list: note when it is due
                t.coro.due = lp._k[lp._s.index(t)]
            return t

        def traced_schedule(*args, **kwargs):
            return tracer.watch(schedule(*args, **kwargs))

        def traced_schedule_later(*args, **kwargs):
            return tracer.watch(schedule_later(*args, **kwargs))

        lp.add_task = traced_add_task
        lp.run_later = traced_run_later
        lp.schedule = traced_schedule
        lp.schedule_later = traced_schedule_later

    def _index(self, name):
        try:
            return self.names.index(name)
        except ValueError:
            self.names.append(name)
            return len(self.names) - 1

    # -- recording ------------------------------------------------------------

    def _rec(self, k, t0, t1, late):
        if not self.recording:
            return
        i = self._i
        self._kd[i] = k
        self._st[i] = t0
        self._e[i] = t1
        self._l[i] = late
        i += 1
        if i == self.size:
            i = 0
            self._full = True
        self._i = i

    # -- reading ----------------------------------------------------------------

    def __len__(self):
        return self.size if self._full else self._i

    def clear(self):
        """Forget every record (the names stay). Does not yield."""
        self._i = 0
        self._full = False

    def records(self):
        """The records, oldest first, as a list of ``(name, start_ms, end_ms,
        late_ms)`` tuples. Times are milliseconds since the oldest record's
        start; ``late_ms`` is None where the step has no lateness."""
        n = len(self)
        first = self._i if self._full else 0
        out = []
        if not n:
            return out
        base = self._st[first]
        size = self.size
        for j in range(n):
            i = (first + j) % size
            late = self._l[i]
            out.append(
                (
                    self.names[self._kd[i]],
                    _diff(self._st[i], base),
                    _diff(self._e[i], base),
                    None if late < 0 else late,
                )
            )
        return out

    def dump(self, file=None):
        """Write the records as CSV, oldest first: a header line
        ``task,start_ms,end_ms,late_ms``, then one line per record (see
        :meth:`records`; an empty ``late_ms`` means none).

        ``file`` is anything with ``write(str)`` (an open file, ``sys.stdout``);
        the default prints to the console, which on a board is the serial
        console. The dump is made one line at a time, so it needs little RAM.
        Does not yield: with a large ring, other tasks wait until it is
        written.
        """
        emit = print if file is None else _Writer(file).line
        emit(HEADER)
        n = len(self)
        if not n:
            return
        first = self._i if self._full else 0
        base = self._st[first]
        size = self.size
        names = [_csv(s) for s in self.names]
        for j in range(n):
            i = (first + j) % size
            late = self._l[i]
            emit(
                "%s,%d,%d,%s"
                % (
                    names[self._kd[i]],
                    _diff(self._st[i], base),
                    _diff(self._e[i], base),
                    "" if late < 0 else str(late),
                )
            )


class _Writer:
    def __init__(self, f):
        self.f = f

    def line(self, s):
        self.f.write(s)
        self.f.write("\n")


def _csv(s):
    # quote a CSV field when it needs it
    if "," in s or '"' in s or "\n" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


class _Task:
    # Stands in for a task's coroutine: each send/throw is one recorded step.
    def __init__(self, tracer, task, coro, k):
        self.tr = tracer
        self.c = coro
        self.k = k
        self.due = -1  # run_later: the requested start tick, until the first step
        self.ticks = task.loop._ticks

    def send(self, v):
        t0 = self.ticks()
        try:
            return self.c.send(v)
        finally:
            self._end(t0)

    def throw(self, e):
        t0 = self.ticks()
        try:
            return self.c.throw(e)
        finally:
            self._end(t0)

    def close(self):
        return self.c.close()

    def _end(self, t0):
        late = -1
        if self.due >= 0:
            late = _diff(t0, self.due)
            if late < 0:
                late = 0
            self.due = -1
        self.tr._rec(self.k, t0, self.ticks(), late)

    def __repr__(self):
        return repr(self.c)


class _Run:
    # Stands in for a ScheduledTask's function, and for the coroutine a call
    # of it returns. Runs never overlap, so one object serves every run.
    def __init__(self, tracer, st, fn, k):
        self.tr = tracer
        self.st = st
        self.fn = fn
        self.k = k
        self.c = None
        self.ct = None  # the class of coroutine fn returned last
        self.late = -1
        self.ticks = st.loop._ticks
        self.stop = StopIteration()

    def __call__(self, *args):
        # The driver calls fn(*st.args, **st.kwargs); with no keywords no
        # dict is passed (_RunKw takes them), so a run allocates nothing here.
        return self._call(args, None)

    def _call(self, args, kwargs):
        t0 = self.ticks()
        late = _diff(t0, self.st.due)  # (due moves on once the run is over)
        if late < 0:
            late = 0
        co = False
        try:
            c = self.fn(*args) if kwargs is None else self.fn(*args, **kwargs)
            # hasattr makes a bound method (an allocation on MicroPython):
            # ask once per coroutine class
            co = c is not None and (type(c) is self.ct or hasattr(c, "send"))
        finally:
            if not co:  # a plain function: the call was the run
                self.tr._rec(self.k, t0, self.ticks(), late)
        if co:
            self.ct = type(c)
            self.c = c
            self.late = late
            return self
        return c

    # A run's end passes a StopIteration through here. Raising a fresh one
    # each time would grow its traceback (an allocation on MicroPython), so
    # one made once is raised instead, as delay does: the driver ignores
    # its value.
    # send and throw are spelled out: one shared method taking self.c.send
    # or self.c.throw would make a bound method per step.

    def send(self, v):
        t0 = self.ticks()
        try:
            r = self.c.send(v)
        except StopIteration:
            self._end(t0)
            e = self.stop
            e.__traceback__ = None
            raise e
        except BaseException:
            self._end(t0)
            raise
        self._end(t0)
        return r

    def throw(self, x):
        t0 = self.ticks()
        try:
            r = self.c.throw(x)
        except StopIteration:
            self._end(t0)
            e = self.stop
            e.__traceback__ = None
            raise e
        except BaseException:
            self._end(t0)
            raise
        self._end(t0)
        return r

    def close(self):
        return self.c.close()

    def _end(self, t0):
        late = self.late
        self.late = -1
        self.tr._rec(self.k, t0, self.ticks(), late)

    def __repr__(self):
        return repr(self.fn)


class _RunKw(_Run):
    # _Run for a schedule whose function takes keyword arguments
    def __call__(self, *args, **kwargs):
        return self._call(args, kwargs)


_core._gc()

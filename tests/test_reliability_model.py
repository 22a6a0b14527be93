# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Model-based test: random programs against a reference model, so that the
semantics hold for programs nobody thought to write a scenario for.

A program is a few tasks, each a list of operations: delay, hold a resource
(ManagedResource, Lock or Semaphore(2)) for some ms (maybe raising inside,
maybe trying to re-enter it), wait/set/clear an event, put/get on a Queue
(awaiting or ``*_nowait``), raise, cancel a task, await a task, and
``wait_for`` on an event, a get, a sleep or a task. The same task body
(:func:`body`) runs twice:

1. under asynccp on a ``Loop`` with a ``VirtualClock`` (started anywhere,
   often just before the 2**29 ms wrap). Every task's coroutine is wrapped
   in a :class:`Probe` that records each step the loop gives it: the
   simulated time, the task, ``send`` or ``throw``, and what it yielded.
   That step trace is the only thing asynccp may choose freely (which of
   the tasks ready at the same tick goes first);
2. under :class:`Model`, a plain-Python discrete-event simulation of the
   documented semantics (lists and counters, no asynccp code), which
   replays the same step order and checks each step is allowed: the task
   is runnable, time only advances when nothing is runnable and then to the
   earliest due time, a cancelled task is thrown into.

Both write a log of (simulated ms, task, event); the logs must be equal,
which pins the exact time every task wakes, every grant, item and exception.
Independently of the model, :func:`check_invariants` checks the guarantees
the docs make on the asynccp log alone (a failure then names the guarantee
broken, not just a log that differs): mutual exclusion on every resource (at
most ``n`` holders of a Semaphore(n)), grants in request order (FIFO, no
barging), every ``on_acquire`` matched by one ``on_release`` (also when the
block raised or was cancelled), delays waking exactly ``k`` ms later,
getters served in the order they asked and items out once, in the order they
went in, every task's operations run once and in order, ``finally`` run once
by every task that started and ended, no task lost (run() returns only when
all are done, or raises the deadlock RuntimeError naming exactly the stuck
tasks).

The model's queue and wait_for follow the docs where asynccp may differ:
first come first served for getters and putters alike (see
:class:`MQueue`), a cancelled waiter leaves its queue at once (see
``LAZY_LEAVE``), a waiter woken with something (a permit, the resource, a
promised item or slot) and cancelled before it runs gives it back at
cancel() (``Waiter.back``), and a caller cancelled while its wait_for times
out stays cancelled.

``make test`` runs 1000 programs of up to 6 tasks of up to 10 operations,
derandomized (the same programs every run; about 4 s when they pass; a
failure is shrunk, which takes longer). ``make nightly``
(``ASYNCCP_NIGHTLY=1``) runs 20000 programs of up to 7 tasks of 12
operations with a random seed (about 2 minutes).
"""

import re
from collections import deque

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from sizes import NIGHTLY

import asynccp
from asynccp.testing import VirtualClock

CancelledError = asynccp.CancelledError
ATimeoutError = asynccp.TimeoutError
QueueEmpty = asynccp.QueueEmpty
QueueFull = asynccp.QueueFull


#: How a cancelled waiter leaves a queue. False (the docs: "a task sleeping
#: or waiting is woken for it and leaves the queue it waited in"): at
#: cancel(). True: only when it next runs, so until then it may still be
#: handed the resource, item or slot, which it passes on when it runs (what
#: asynccp did before it took a cancelled waiter out at cancel()).
LAZY_LEAVE = False


class Boom(Exception):
    """What a program's ``raise`` (and a hold's raise inside the block) raises."""


def exc_desc(e):
    return (type(e).__name__, e.args)


# --------------------------------------------------------------------------
# The program body, shared by both runs: it only talks to `api`.


async def sleeper(api, k):
    await api.delay(k)
    return k


async def body(api, me, ops):
    log = api.log
    log(me, "start")
    try:
        for pc, op in enumerate(ops):
            k = op[0]
            log(me, "op", pc)
            if k == "delay":
                await api.delay(op[1])
                log(me, "woke", pc)
            elif k == "hold":
                _, r, d, boom, nested = op
                log(me, "req", r)
                async with api.res(r, me):
                    log(me, "got", r)
                    try:
                        if nested:
                            try:
                                async with api.res(r, me):
                                    log(me, "reentered", r)
                            except RuntimeError:
                                log(me, "reenter_refused", r)
                        await api.delay(d)
                        if boom:
                            raise Boom(me, pc)
                    finally:
                        log(me, "rel", r)
            elif k == "wait":
                await api.event(op[1]).wait()
                log(me, "waited", op[1])
            elif k == "set":
                api.event(op[1]).set()
            elif k == "clear":
                api.event(op[1]).clear()
            elif k == "put":
                await api.queue(op[1]).put(op[2])
                log(me, "put_done", op[1], op[2])
            elif k == "get":
                v = await api.queue(op[1]).get()
                log(me, "item", op[1], v)
            elif k == "put_nowait":
                try:
                    api.queue(op[1]).put_nowait(op[2])
                    log(me, "put_done", op[1], op[2])
                except QueueFull:
                    log(me, "full", op[1])
            elif k == "get_nowait":
                try:
                    v = api.queue(op[1]).get_nowait()
                    log(me, "item", op[1], v)
                except QueueEmpty:
                    log(me, "empty", op[1])
            elif k == "raise":
                raise Boom(me, pc)
            elif k == "cancel":
                log(me, "cancel", op[1], api.task(op[1]).cancel())
            elif k == "join":
                try:
                    v = await api.task(op[1])
                    log(me, "joined", op[1], v)
                except Boom as e:
                    log(me, "join_exc", op[1], e.args)
                except RuntimeError:
                    log(me, "join_self")
            elif k == "timeout":
                _, inner, ms = op
                try:
                    v = await api.wait_for(api.inner(inner), ms)
                    log(me, "in_time", v)
                except ATimeoutError:
                    log(me, "timed_out")
                except Boom as e:
                    log(me, "to_exc", e.args)
            else:  # pragma: no cover
                raise AssertionError(op)
        log(me, "end")
        return ("ret", me)
    except CancelledError:
        log(me, "cancelled")
        raise
    finally:
        log(me, "finally")


# --------------------------------------------------------------------------
# Run 1: asynccp, every task's steps recorded.


class Probe:
    """Stands in for a task's coroutine; records each step the loop gives it."""

    def __init__(self, coro, label, rec):
        self.coro = coro
        self.label = label
        self.rec = rec

    def _step(self, kind, how, arg):
        e = [self.rec.clock.elapsed_ms, self.label, kind, "end"]
        self.rec.trace.append(e)
        r = how(arg)
        e[3] = r
        return r

    def send(self, v):
        return self._step("send", self.coro.send, v)

    def throw(self, exc):
        return self._step("throw", self.coro.throw, exc)

    def __repr__(self):
        return f"P{self.label}"


class TracingLoop(asynccp.Loop):
    """A Loop whose every task (also wait_for's own) runs behind a Probe,
    labelled in creation order."""

    def __init__(self, rec):
        super().__init__(clock=rec.clock)
        self.rec = rec

    def add_task(self, coroutine):
        rec = self.rec
        label = len(rec.labels)
        t = super().add_task(Probe(coroutine, label, rec))
        rec.labels[t] = label
        return t


class Real:
    """The program's world on asynccp."""

    def __init__(self, prog):
        self.prog = prog
        self.clock = VirtualClock(prog["start"])
        self.trace = []
        self.labels = {}
        self.out = []
        self.loop = TracingLoop(self)
        self.res_objs = []
        for r, kind in enumerate(prog["res"]):
            if kind == "resource":
                self.res_objs.append(
                    asynccp.ManagedResource(
                        f"R{r}",
                        on_acquire=lambda me, r: self.log(me, "on_acq", r),
                        on_release=lambda me, r: self.log(me, "on_rel", r),
                    )
                )
            elif kind == "lock":
                self.res_objs.append(asynccp.Lock())
            else:
                self.res_objs.append(asynccp.Semaphore(2))
        self.events = [asynccp.Event() for _ in range(prog["events"])]
        self.queues = [asynccp.Queue(n) for n in prog["queues"]]
        self.tasks = []

    def log(self, me, *ev):
        self.out.append((self.clock.elapsed_ms, me) + ev)

    def delay(self, k):
        return asynccp.delay_ms(k)

    def res(self, r, me):
        o = self.res_objs[r]
        if isinstance(o, asynccp.ManagedResource):
            return o.handle(me, r)
        return o

    def event(self, e):
        return self.events[e]

    def queue(self, q):
        return self.queues[q]

    def task(self, j):
        return self.tasks[j]

    def wait_for(self, aw, ms):
        return asynccp.wait_for(aw, ms / 1000)

    def inner(self, inner):
        k, x = inner
        if k == "wait":
            return self.events[x].wait()
        if k == "get":
            return self.queues[x].get()
        if k == "sleep":
            return sleeper(self, x)
        return self.tasks[x]

    def run(self):
        lp = self.loop
        if self.prog["handler"]:
            lp.set_exception_handler(lambda t, e: self.log(self.labels[t], "handler", exc_desc(e)))
        for i, ops in enumerate(self.prog["tasks"]):
            self.tasks.append(lp.add_task(body(self, i, ops)))
        while True:
            try:
                lp.run()
                return
            except Boom as e:
                self.log(-1, "run_raised", exc_desc(e))
            except RuntimeError as e:
                msg = str(e)
                assert "nothing can give them" in msg, msg
                self.log(-1, "deadlock", sorted(int(x) for x in re.findall(r"\bP(\d+)", msg)))
                return


# --------------------------------------------------------------------------
# Run 2: the reference model.


class ModelError(AssertionError):
    pass


def _leave(w):
    if w in w.lst:
        w.lst.remove(w)


class Waiter:
    __slots__ = ("task", "lst", "granted", "value", "back")

    def __init__(self, task, lst, back=None):
        self.task = task
        self.lst = lst
        self.granted = False
        self.value = None
        self.back = back  # gives back what a grant handed, if cancelled first
        lst.append(self)


class _A:
    """Makes a generator awaitable from an `async def` body."""

    def __init__(self, gen):
        self.gen = gen

    def __await__(self):
        return self.gen


class MTask:
    def __init__(self, m, label, coro):
        self.m = m
        self.label = label
        self.coro = coro
        self.state = "ready"  # ready, running, sleep, park, done
        self.due = None
        self.waiter = None
        self.held = None  # a granted waiter whose task has not run since
        self.pending = None  # exception to throw at the next step
        self.result = None
        self.exc = None
        self.joiners = []

    def cancel(self):
        return self.m.cancel(self)

    def __await__(self):
        return self.m.join_gen(self)


class MEvent:
    def __init__(self, m):
        self.m = m
        self.flag = False
        self.waiters = []

    def set(self):
        self.flag = True
        for w in self.waiters:
            self.m.grant(w, True)
        self.waiters = []

    def clear(self):
        self.flag = False

    def wait(self):
        return _A(self._wait())

    def _wait(self):
        if not self.flag:
            w = Waiter(self.m.cur, self.waiters)
            try:
                yield ("park", w)
            except BaseException:
                _leave(w)
                raise
        return True


class MRes:
    """FIFO permits: ManagedResource (cap 1, callbacks, no re-entry), Lock, Semaphore(2)."""

    def __init__(self, m, r, kind):
        self.m = m
        self.r = r
        self.kind = kind
        self.free = 2 if kind == "sem2" else 1
        self.waiters = []
        self.holders = []

    def _give(self):
        if self.waiters:
            self.m.grant(self.waiters.pop(0), None)
        else:
            self.free += 1

    def acquire(self, me):
        if self.kind == "resource" and me in self.holders:
            raise RuntimeError("re-entry")
        if self.free and not self.waiters:
            self.free -= 1
        else:
            w = Waiter(self.m.cur, self.waiters, self._give)
            try:
                yield ("park", w)
            except BaseException:
                if w.granted:
                    self._give()
                _leave(w)
                raise
        self.holders.append(me)
        if self.kind == "resource":
            self.m.log(me, "on_acq", self.r)

    def release(self, me):
        self.holders.remove(me)
        if self.kind == "resource":
            self.m.log(me, "on_rel", self.r)
        self._give()


class MHandle:
    def __init__(self, res, me):
        self.res = res
        self.me = me

    async def __aenter__(self):
        return await _A(self.res.acquire(self.me))

    async def __aexit__(self, *exc):
        self.res.release(self.me)
        return False


class MQueue:
    """First come first served both ways, so items leave in the order they came
    and go to getters in the order they asked, cancellations or not.

    An arriving item wakes the first waiting getter and is promised to it;
    it takes the oldest item when it runs. A slot freed by a get wakes the
    first waiting putter and is kept for it; it adds its item when it runs.
    While getters (putters) wait or hold a promise (a slot), a new get (put)
    waits behind them, and get_nowait (put_nowait) raises. A woken task that
    is cancelled before it runs passes its promise or slot on to the next
    waiter at once, at cancel()."""

    def __init__(self, m, maxsize):
        self.m = m
        self.max = maxsize
        self.items = deque()  # oldest first, the first `promised` promised
        self.promised = 0  # items promised to woken getters that have not run
        self.kept = 0  # slots kept for woken putters that have not run
        self.getters = []
        self.putters = []

    def _serve_getters(self):
        while self.getters and len(self.items) > self.promised:
            self.promised += 1
            self.m.grant(self.getters.pop(0), None)

    def _serve_putters(self):
        while self.putters and len(self.items) + self.kept < self.max:
            self.kept += 1
            self.m.grant(self.putters.pop(0), None)

    def _add(self, x):
        self.items.append(x)
        self._serve_getters()

    def _must_wait_to_put(self):
        return self.putters or self.kept or len(self.items) + self.kept >= self.max

    def put_nowait(self, x):
        if self._must_wait_to_put():
            raise QueueFull()
        self._add(x)

    def get_nowait(self):
        if self.getters or self.promised or not self.items:
            raise QueueEmpty()
        x = self.items.popleft()
        self._serve_putters()
        return x

    def put(self, x):
        return _A(self._put(x))

    def _back_put(self):
        self.kept -= 1
        self._serve_putters()

    def _back_get(self):
        self.promised -= 1
        self._serve_getters()

    def _put(self, x):
        if self._must_wait_to_put():
            w = Waiter(self.m.cur, self.putters, self._back_put)
            try:
                yield ("park", w)
            except BaseException:
                if w.granted:
                    self.kept -= 1
                    self._serve_putters()
                _leave(w)
                raise
            self.kept -= 1
        self._add(x)
        self._serve_putters()

    def get(self):
        return _A(self._get())

    def _get(self):
        if not (self.getters or self.promised) and self.items:
            return self.get_nowait()
        w = Waiter(self.m.cur, self.getters, self._back_get)
        try:
            yield ("park", w)
        except BaseException:
            if w.granted:
                self.promised -= 1
                self._serve_getters()
            _leave(w)
            raise
        self.promised -= 1
        x = self.items.popleft()
        self._serve_getters()
        self._serve_putters()
        return x


def _run_aw(aw):
    return (yield from aw.__await__())


class Model:
    def __init__(self, prog):
        self.prog = prog
        self.now = 0
        self.out = []
        self.tasks = []
        self.cur = None
        self.res_objs = [MRes(self, r, k) for r, k in enumerate(prog["res"])]
        self.events = [MEvent(self) for _ in range(prog["events"])]
        self.queues = [MQueue(self, n) for n in prog["queues"]]

    # -- the api the body uses
    def log(self, me, *ev):
        self.out.append((self.now, me) + ev)

    def delay(self, k):
        return _A(self._sleep(k))

    @staticmethod
    def _sleep(k):
        yield ("sleep", k)

    def res(self, r, me):
        return MHandle(self.res_objs[r], me)

    def event(self, e):
        return self.events[e]

    def queue(self, q):
        return self.queues[q]

    def task(self, j):
        return self.tasks[j]

    def inner(self, inner):
        return Real.inner(self, inner)

    def wait_for(self, aw, ms):
        return _A(self._wait_for(aw, ms))

    def _wait_for(self, aw, ms):
        if isinstance(aw, MTask):
            t = aw
        else:
            t = self.create(aw if hasattr(aw, "send") else _run_aw(aw))
        tm = self.create(self._timer(self.now + ms, t))
        try:
            return (yield from self.join_gen(t))
        except CancelledError as e:
            # time is up only if the CancelledError is the one our timer
            # put into t, not one thrown into this task
            if tm.state == "done" and tm.exc is None and e is t.exc:
                raise ATimeoutError() from None
            raise
        finally:
            self.cancel(tm)
            self.cancel(t)

    def _timer(self, due, t):
        yield ("until", due)
        self.cancel(t)

    def join_gen(self, t):
        if t.state != "done":
            if t is self.cur:
                raise RuntimeError("await self")
            w = Waiter(self.cur, t.joiners)
            try:
                yield ("park", w)
            except BaseException:
                _leave(w)
                raise
        if t.exc is not None:
            raise t.exc
        return t.result

    # -- the scheduler
    def create(self, coro):
        t = MTask(self, len(self.tasks), coro)
        self.tasks.append(t)
        return t

    def grant(self, w, value):
        w.granted = True
        w.value = value
        t = w.task
        t.held = w
        if t.state == "park" and t.waiter is w:
            t.state = "ready"
            t.waiter = None
        elif not (LAZY_LEAVE and t.pending is not None):
            raise ModelError("model: granted a task that does not wait")

    def kick(self, t):
        if t.state == "sleep":
            t.state = "ready"
        elif t.state == "park":
            if not LAZY_LEAVE:
                _leave(t.waiter)
            t.waiter = None
            t.state = "ready"

    def cancel(self, t):
        if t.state == "done":
            return False
        if t.pending is None:
            t.pending = CancelledError()
        w = t.held  # woken with something it will not take: pass it on now
        if w is not None and w.back is not None:
            t.held = None
            w.granted = False
            w.back()
        self.kick(t)
        return True

    def end(self, t, exc, result):
        t.state = "done"
        t.exc = exc
        t.result = result
        t.coro = None
        handed = False
        js, t.joiners = t.joiners, []
        for w in js:
            if w.task.state == "park":  # not a cancelled joiner (LAZY_LEAVE)
                self.grant(w, None)
                handed = True
        if not handed and exc is not None and not isinstance(exc, CancelledError):
            if self.prog["handler"]:
                self.log(t.label, "handler", exc_desc(exc))
            else:
                self.log(-1, "run_raised", exc_desc(exc))

    def runnable(self):
        return [
            t.label
            for t in self.tasks
            if t.state == "ready" or (t.state == "sleep" and t.due <= self.now)
        ]

    def step(self, time, label, kind, yielded):
        where = f"step (t={time}, task {label}, {kind})"
        if time != self.now:
            if time < self.now or self.runnable():
                raise ModelError(
                    f"{where}: time moved from {self.now} while {self.runnable()} were runnable"
                )
            due = [t.due for t in self.tasks if t.state == "sleep"]
            if not due or time != min(due):
                raise ModelError(f"{where}: model's next due time is {min(due or [None])}")
            self.now = time
        if label >= len(self.tasks) or label not in self.runnable():
            raise ModelError(f"{where}: task not runnable in the model")
        t = self.tasks[label]
        want = "throw" if t.pending is not None else "send"
        if kind != want:
            raise ModelError(f"{where}: model expected {want}")
        t.state = "running"
        t.held = None
        self.cur = t
        try:
            if t.pending is not None:
                e, t.pending = t.pending, None
                req = t.coro.throw(e)
            else:
                req = t.coro.send(None)
        except StopIteration as s:
            self.end(t, None, s.value)
            req = "end"
        except BaseException as x:  # tasks end with anything
            self.end(t, x, None)
            req = "end"
        finally:
            self.cur = None
        if req == "end":
            got = "end"
        elif req[0] == "sleep" and req[1] == 0:
            t.state = "ready"
            got = None
        elif req[0] in ("sleep", "until"):
            t.state = "sleep"
            t.due = self.now + req[1] if req[0] == "sleep" else req[1]
            got = True
        else:
            t.state = "park"
            t.waiter = req[1]
            got = True
        if got != yielded:
            raise ModelError(f"{where}: yielded {yielded!r}, model says {got!r}")
        if t.pending is not None:  # cancelled while it ran
            self.kick(t)

    def run(self, trace):
        for i, ops in enumerate(self.prog["tasks"]):
            self.create(body(self, i, ops))
        for time, label, kind, yielded in trace:
            self.step(time, label, kind, yielded)
        if self.runnable() or any(t.state == "sleep" for t in self.tasks):
            raise ModelError("run() returned while the model still had tasks to run")
        stuck = [t.label for t in self.tasks if t.state == "park"]
        if stuck:
            self.log(-1, "deadlock", stuck)


# --------------------------------------------------------------------------
# Invariants on asynccp's log alone: each failure names the documented guarantee broken.


def check_invariants(prog, out):
    tasks = prog["tasks"]
    caps = [2 if k == "sem2" else 1 for k in prog["res"]]
    holders = [[] for _ in caps]
    granted = [[] for _ in caps]  # per resource: where each grant was asked, in grant order
    asked = {}  # task -> log entry of its pending request
    acq = [None for _ in caps]  # ManagedResource: who had on_acquire called
    op_start = {}
    pcs = {i: [] for i in range(len(tasks))}
    started, ended, finals = set(), set(), {}
    puts = {q: [] for q in range(len(prog["queues"]))}
    items = {q: [] for q in range(len(prog["queues"]))}  # (asked at, item): get, get_nowait
    taken = {q: [] for q in range(len(prog["queues"]))}  # also by wait_for(q.get())
    deadlocked = set()
    for entry_no, entry in enumerate(out):
        time, me, ev = entry[0], entry[1], entry[2]
        a = entry[3:]
        if me == -1:
            if ev == "deadlock":
                deadlocked = set(a[0])
            continue
        if ev == "start":
            assert me not in started, f"task {me} started twice"
            started.add(me)
        elif ev == "op":
            pc = a[0]
            assert pc == len(pcs[me]), f"task {me} ran op {pc} after {pcs[me]}"
            pcs[me].append(pc)
            op_start[me] = (time, pc, entry_no)
        elif ev == "woke":
            t0, pc, _ = op_start[me]
            k = tasks[me][pc][1]
            assert time == t0 + k, f"task {me}: delay {k} ms asked at {t0} woke at {time}"
        elif ev == "req":
            asked[me] = entry_no
        elif ev == "got":
            r = a[0]
            granted[r].append(asked.pop(me))
            holders[r].append(me)
            assert len(holders[r]) <= caps[r], f"resource {r} held by {holders[r]}"
        elif ev == "rel":
            holders[a[0]].remove(me)
        elif ev == "on_acq":
            assert acq[a[0]] is None, f"on_acquire by {me} while {acq[a[0]]} has it"
            acq[a[0]] = me
        elif ev == "on_rel":
            assert acq[a[0]] == me, f"on_release by {me}, on_acquire was {acq[a[0]]}"
            acq[a[0]] = None
        elif ev == "put_done":
            puts[a[0]].append(a[1])
        elif ev == "item":
            items[a[0]].append((op_start[me][2], a[1]))
            taken[a[0]].append(a[1])
        elif ev == "in_time":
            op = tasks[me][op_start[me][1]]
            if op[1][0] == "get":  # wait_for's own task took it, some time earlier
                taken[op[1][1]].append(a[0])
        elif ev == "end":
            ended.add(me)
            assert pcs[me] == list(range(len(tasks[me]))), f"task {me} ended early"
        elif ev == "finally":
            assert me not in finals, f"task {me} ran its finally twice"
            finals[me] = time
    for r, g in enumerate(granted):
        # One holder at a time: those served were served in the order they
        # asked (no barging). With two permits a woken waiter may log "got"
        # after a newcomer that found the second permit free; the model
        # checks those exactly.
        assert caps[r] > 1 or g == sorted(g), f"resource {r}: grants out of order {g}"
    for q in puts:
        # Each item out once; getters get items in the order they asked
        # (first come first served) and items leave in the order they came.
        # wait_for's gets are made by its own task, unseen: they only count
        # as taken.
        assert sorted(taken[q]) == sorted(set(taken[q])), f"queue {q}: items {taken[q]}"
        assert set(taken[q]) <= set(puts[q]), f"queue {q}: in {puts[q]}, out {taken[q]}"
        by_ask = [x for _, x in sorted(items[q])]
        it = iter(puts[q])
        assert all(x in it for x in by_ask), f"queue {q}: in {puts[q]}, out by getter {by_ask}"
    for i in range(len(tasks)):
        if i in deadlocked:
            assert i not in finals
        elif i in started:
            assert i in finals, f"task {i} started and never finished"
    if not deadlocked:
        assert all(h == [] for h in holders), holders
        assert acq == [None] * len(acq), f"on_acquire without on_release: {acq}"


# --------------------------------------------------------------------------
# Programs.

KINDS = (
    ["delay"] * 3
    + ["hold"] * 3
    + ["wait", "set", "set", "clear"]
    + ["put", "put", "get", "get", "put_nowait", "get_nowait"]
    + ["raise", "cancel", "cancel", "join", "timeout", "timeout"]
)
WRAP = 0x20000000


@st.composite
def programs(draw, max_tasks=5, max_ops=6):
    n = draw(st.integers(2, max_tasks))
    res = draw(st.lists(st.sampled_from(["resource", "lock", "sem2"]), min_size=1, max_size=2))
    n_ev = draw(st.integers(1, 2))
    queues = draw(st.lists(st.integers(1, 2), min_size=1, max_size=2))
    handler = draw(st.booleans())
    start = draw(st.one_of(st.just(0), st.integers(WRAP - 12, WRAP - 1), st.integers(0, WRAP - 1)))
    ev = st.integers(0, n_ev - 1)
    qs = st.integers(0, len(queues) - 1)
    ms = st.integers(0, 4)
    rare = st.sampled_from([False] * 5 + [True])
    val = 0
    tasks = []
    for i in range(n):
        ops = []
        for _ in range(draw(st.integers(0, max_ops))):
            k = draw(st.sampled_from(KINDS))
            if k == "delay":
                op = (k, draw(ms))
            elif k == "hold":
                r = draw(st.integers(0, len(res) - 1))
                nested = res[r] == "resource" and draw(rare)
                op = (k, r, draw(st.integers(0, 3)), draw(rare), nested)
            elif k in ("wait", "set", "clear"):
                op = (k, draw(ev))
            elif k in ("put", "put_nowait"):
                val += 1
                op = (k, draw(qs), val)
            elif k in ("get", "get_nowait"):
                op = (k, draw(qs))
            elif k == "raise":
                op = (k,)
            elif k in ("cancel", "join"):
                op = (k, draw(st.integers(0, n - 1)))
            else:
                others = [j for j in range(n) if j != i]
                inner = draw(
                    st.one_of(
                        st.tuples(st.just("wait"), ev),
                        st.tuples(st.just("get"), qs),
                        st.tuples(st.just("sleep"), ms),
                        st.tuples(st.just("join"), st.sampled_from(others)),
                    )
                )
                op = (k, inner, draw(st.integers(0, 5)))
            ops.append(op)
        tasks.append(ops)
    return {
        "tasks": tasks,
        "res": res,
        "events": n_ev,
        "queues": queues,
        "handler": handler,
        "start": start,
    }


def _note(text):
    try:
        note(text)
    except Exception:  # outside a hypothesis test: nothing to note
        pass


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def check_program(prog):
    real = Real(prog)
    real.run()
    _note(f"trace: {real.trace!r}")
    model = Model(prog)
    model_error = None
    try:
        model.run([tuple(e) for e in real.trace])
    except ModelError as e:
        model_error = e
    if real.out != model.out and (
        model_error is None or first_difference(real.out, model.out) < len(model.out)
    ):
        i = first_difference(real.out, model.out)
        lo = max(0, i - 12)
        ours = real.out[i] if i < len(real.out) else "(end)"
        theirs = model.out[i] if i < len(model.out) else "(end)"
        before = "\n    ".join(repr(x) for x in real.out[lo : i + 1])
        raise AssertionError(
            f"asynccp and the model differ at log entry {i}:\n  asynccp: {ours}\n"
            f"  model:   {theirs}\nasynccp log before and at it:\n    {before}"
        )
    if model_error is not None:
        raise model_error
    check_invariants(prog, real.out)
    return real


_settings = settings(
    max_examples=20000 if NIGHTLY else 1000,
    derandomize=not NIGHTLY,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_settings
@given(programs(max_tasks=7 if NIGHTLY else 6, max_ops=12 if NIGHTLY else 10))
def test_random_programs_match_the_model(prog):
    note(f"program: {prog!r}")
    check_program(prog)


# --------------------------------------------------------------------------
# The checker itself must be able to fail: hand-made programs with known logs.


def test_model_agrees_on_a_hand_made_program():
    prog = {
        "tasks": [
            [("hold", 0, 3, False, False), ("put", 0, 1), ("set", 0)],
            [("hold", 0, 2, False, False), ("wait", 0), ("get", 0)],
        ],
        "res": ["resource"],
        "events": 1,
        "queues": [1],
        "handler": True,
        "start": WRAP - 2,
    }
    real = check_program(prog)
    got = [e for e in real.out if e[2] in ("got", "waited", "item", "on_acq", "on_rel")]
    assert got == [
        (0, 0, "on_acq", 0),
        (0, 0, "got", 0),
        (3, 0, "on_rel", 0),
        (3, 1, "on_acq", 0),
        (3, 1, "got", 0),
        (5, 1, "on_rel", 0),
        (5, 1, "waited", 0),
        (5, 1, "item", 0, 1),
    ]


def test_checker_catches_a_wrong_wake_time(monkeypatch):
    prog = {
        "tasks": [[("delay", 3)], [("delay", 1)]],
        "res": ["lock"],
        "events": 1,
        "queues": [1],
        "handler": True,
        "start": 0,
    }
    real_delay = Real.delay
    monkeypatch.setattr(Real, "delay", lambda self, k: real_delay(self, k + (k == 3)))
    with pytest.raises(AssertionError, match="differ|time moved|due time"):
        check_program(prog)


def test_checker_catches_a_wrong_capacity(monkeypatch):
    # A model with the wrong capacity must disagree.
    prog = {
        "tasks": [
            [("hold", 0, 2, False, False)],
            [("delay", 1), ("hold", 0, 1, False, False)],
            [("delay", 2), ("hold", 0, 1, False, False)],
        ],
        "res": ["sem2"],
        "events": 1,
        "queues": [1],
        "handler": True,
        "start": 0,
    }
    check_program(prog)
    monkeypatch.setattr(MRes, "__init__", _one_permit_init)
    with pytest.raises(AssertionError):
        check_program(prog)


def _one_permit_init(self, m, r, kind):
    self.m, self.r, self.kind = m, r, kind
    self.free = 1
    self.waiters = []
    self.holders = []

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The core behaviours (tasks, delays, cancellation, suspend, schedules,
resources, Duration, the allocations of a switch and a delay), self-contained,
for the MicroPython VM: what the tests check on CPython must hold on the VM the
boards run too, from the sources and from the built ``.mpy`` files.

Run with asynccp (``.py`` sources or built ``.mpy`` files) and adafruit_ticks on
the path::

    MICROPYPATH=.frozen:src:<dir with adafruit_ticks.py> micropython tests/mp_scenarios.py

Prints ``ok <name>`` or ``FAIL <name>: <why>`` per scenario, then a summary
line ``<n> scenarios, <k> failed``; exits 1 if any failed. The output is the
same for the sources and the compiled files (no addresses, no byte counts on
success). Scenarios that measure the heap need ``gc.mem_alloc`` (MicroPython);
on CPython they are left out.
"""

# ruff: noqa: UP031  (%-formatting: the script keeps to what every MicroPython has)

import gc
import sys

import asynccp

# -- import-time checks, before anything else touches the package -----------------------

LOADED_AT_IMPORT = sorted([k for k in sys.modules if k.startswith("asynccp")])
_x = asynccp.delay_ms  # loads asynccp.delay (the module) first
DELAY_NAME_AFTER_DELAY_MS = asynccp.delay
from mp_check import HAS_MEM, WRAP, Fail, eq, ms, raises, run_scenarios, true  # noqa: E402

from asynccp import delay as DELAY_FROM_IMPORT  # noqa: E402

# The scenarios below take delay/delay_ms from their module, so they test the
# rest even if the package-level name is broken.
from asynccp.delay import delay, delay_ms  # noqa: E402
from asynccp.testing import VirtualClock, virtual_loop  # noqa: E402

NEAR_WRAP = WRAP - 1000

SCENARIOS = []


def scenario(fn):
    SCENARIOS.append(fn)
    return fn


def mem_scenario(fn):
    if HAS_MEM:
        SCENARIOS.append(fn)
    return fn


# -- package ------------------------------------------------------------------------


@scenario
def import_loads_only_the_minimal_set():
    # core, and delay at most (the minimal set); every other feature on first use
    true("asynccp.core" in LOADED_AT_IMPORT, "core not loaded")
    for m in LOADED_AT_IMPORT:
        true(m in ("asynccp", "asynccp.core", "asynccp.delay"), "%s loaded by import" % m)


@scenario
def delay_name_is_the_function():
    true(callable(DELAY_NAME_AFTER_DELAY_MS), "asynccp.delay after asynccp.delay_ms is a module")
    true(callable(DELAY_FROM_IMPORT), "from asynccp import delay gives a module")


@scenario
def aliases_01x():
    from asynccp.loop import Loop
    from asynccp.managed_resource import ManagedResource
    from asynccp.managed_spi import ManagedSpi
    from asynccp.time import Duration

    true(Loop is asynccp.Loop, "asynccp.loop.Loop")
    true(Duration is asynccp.Duration, "asynccp.time.Duration")
    true(ManagedResource is asynccp.ManagedResource, "asynccp.managed_resource")
    true(ManagedSpi is asynccp.ManagedSpi, "asynccp.managed_spi")


# -- tasks and delays ---------------------------------------------------------------------


@scenario
def round_robin_delay_zero():
    lp = virtual_loop()
    log = []

    async def w(name):
        for i in range(3):
            log.append(name + str(i))
            await delay(0)

    for n in "abc":
        asynccp.add_task(w(n))
    asynccp.run()
    eq(log, ["a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"], "order")
    eq(ms(lp), 0, "virtual time")


@scenario
def delays_wake_at_exact_ticks():
    lp = virtual_loop()
    wakes = []

    async def t():
        await delay(0.25)
        wakes.append(ms(lp))
        await delay(1)
        wakes.append(ms(lp))
        await delay_ms(7)
        wakes.append(ms(lp))
        await delay(-1)
        wakes.append(ms(lp))

    async def u(x):
        await delay_ms(x)
        wakes.append(("u", x, ms(lp)))

    asynccp.add_task(t())
    for x in (30, 10, 20):
        asynccp.add_task(u(x))
    asynccp.run()
    eq(wakes, [("u", 10, 10), ("u", 20, 20), ("u", 30, 30), 250, 1250, 1257, 1257], "wakes")


@scenario
def run_returns_when_nothing_is_left():
    lp = virtual_loop()

    async def t(s):
        await delay(s)

    asynccp.add_task(t(0.5))
    asynccp.add_task(t(2))
    asynccp.run()
    eq(ms(lp), 2000, "returned at")
    asynccp.run()
    eq(ms(lp), 2000, "second run")


@scenario
def task_result_and_exception():
    virtual_loop()
    got = []

    async def ok():
        await delay(0.1)
        return 42

    async def bad():
        await delay(0.1)
        raise KeyError("k")

    async def main():
        t = asynccp.add_task(ok())
        true(isinstance(t, asynccp.Task), "add_task returns a Task")
        true(not t.done(), "done() before")
        got.append(await t)
        true(t.done(), "done() after")
        got.append(await t)
        try:
            await asynccp.add_task(bad())
        except KeyError:
            got.append("KeyError")

    m = asynccp.add_task(main())
    asynccp.run()
    true(m.done(), "main ended")
    eq(got, [42, 42, "KeyError"], "results")


@scenario
def cancel_throws_at_await_and_runs_finally():
    lp = virtual_loop()
    log = []

    async def victim():
        try:
            await delay(10)
        except asynccp.CancelledError:
            log.append(("cancelled", ms(lp)))
            raise
        finally:
            log.append("finally")

    async def main():
        t = asynccp.add_task(victim())
        await delay(2)
        eq(t.cancel(), True, "cancel()")
        try:
            await t
        except asynccp.CancelledError:
            log.append("await gives CancelledError")
        eq(t.cancel(), False, "cancel() after the end")

    asynccp.add_task(main())
    asynccp.run()
    eq(log, [("cancelled", 2000), "finally", "await gives CancelledError"], "log")
    eq(ms(lp), 2000, "the 10 s wait was abandoned")
    true(not issubclass(asynccp.CancelledError, Exception), "CancelledError is an Exception")


@scenario
def cancel_before_start_and_run_later():
    lp = virtual_loop()
    log = []

    async def t(name):
        log.append((name, ms(lp)))

    asynccp.run_later(1.5, t("later"))
    x = asynccp.add_task(t("never"))
    x.cancel()
    y = asynccp.run_later(3, t("never later"))

    async def killer():
        await delay(2)
        y.cancel()

    asynccp.add_task(killer())
    asynccp.run()
    eq(log, [("later", 1500)], "log")
    eq(ms(lp), 2000, "end")


@scenario
def suspend_and_resume():
    lp = virtual_loop()
    log = []
    box = {}

    async def sleeper():
        aw, box["resume"] = asynccp.suspend()
        await aw
        log.append(("resumed", ms(lp)))
        aw, resume = asynccp.suspend()
        resume()
        await aw  # resume came first: at once
        log.append(("again", ms(lp)))

    async def waker():
        await delay(2)
        box["resume"]()
        box["resume"]()

    asynccp.add_task(sleeper())
    asynccp.add_task(waker())
    asynccp.run()
    eq(log, [("resumed", 2000), ("again", 2000)], "log")
    raises(RuntimeError, asynccp.suspend)


@scenario
def resume_wakes_only_its_own_suspend():
    lp = virtual_loop()
    ev = asynccp.Event()
    log = []
    box = {}

    async def t():
        aw, box["resume"] = asynccp.suspend()
        await ev.wait()
        log.append(("event", ev.is_set(), ms(lp)))
        await aw
        log.append(("suspend", ms(lp)))

    async def main():
        await delay(1)
        box["resume"]()
        await delay(1)
        ev.set()

    asynccp.add_task(t())
    asynccp.add_task(main())
    asynccp.run()
    eq(log, [("event", True, 2000), ("suspend", 2000)], "log")


@scenario
def generator_tasks():
    lp = virtual_loop()
    log = []
    res = asynccp.ManagedResource("bus")

    def blink(name, n, s):
        for i in range(n):
            log.append((name, i, ms(lp)))
            yield from delay(s)
        return name

    def user(name):
        h = res.handle()
        bus = yield from h
        try:
            log.append((name, bus, h.active, ms(lp)))
            yield from delay_ms(100)
        finally:
            h.release()

    def parent():
        t = asynccp.add_task(blink("b", 2, 0.4))
        r = yield from t
        log.append(("joined", r, ms(lp)))
        yield

    asynccp.add_task(blink("a", 2, 0.5))
    asynccp.add_task(parent())
    asynccp.run_later(1, user("u1"))
    asynccp.run_later(1.05, user("u2"))
    asynccp.run()
    eq(
        log,
        [
            ("a", 0, 0),
            ("b", 0, 0),
            ("b", 1, 400),
            ("a", 1, 500),
            ("joined", "b", 800),
            ("u1", "bus", True, 1000),
            ("u2", "bus", True, 1100),
        ],
        "log",
    )


@scenario
def delays_across_the_tick_wrap():
    lp = virtual_loop(NEAR_WRAP)
    log = []

    async def t(name, s):
        await delay(s)
        log.append((name, lp.clock.ticks_ms(), ms(lp)))

    for name, s in [("c", 1.5), ("a", 0.5), ("d", 3), ("b", 1)]:
        asynccp.add_task(t(name, s))
    asynccp.run()
    eq(
        log,
        [("a", WRAP - 500, 500), ("b", 0, 1000), ("c", 500, 1500), ("d", 2000, 3000)],
        "log",
    )


class RecordingClock:
    def __init__(self):
        self.t = 0
        self.sleeps = []

    def ticks_ms(self):
        return self.t

    def sleep_ms(self, x):
        self.sleeps.append(x)
        self.t = (self.t + x) % WRAP


@scenario
def sleeps_exactly_the_gap():
    clock = RecordingClock()
    lp = asynccp.Loop(clock=clock)

    async def t(x):
        await delay_ms(x)
        await delay(0.25)

    for x in (100, 300, 300):
        lp.add_task(t(x))
    lp.run()
    eq(clock.sleeps, [100, 200, 50, 200], "sleep_ms calls")


@scenario
def many_timers_and_cancellations():
    # a cancel from the middle of the timers: due 1, 4, 2, 5, 6, 7, 3 ms,
    # added in that order, then 5 cancelled (the smallest case that woke a
    # timer late when the timers were a binary heap)
    lp = virtual_loop()
    wakes = []
    tasks = {}

    async def s(x):
        await delay_ms(x)
        wakes.append((x, ms(lp)))

    async def c():
        tasks[5].cancel()

    for x in (1, 4, 2, 5, 6, 7, 3):
        tasks[x] = asynccp.add_task(s(x))
    asynccp.add_task(c())
    asynccp.run()
    eq(wakes, [(1, 1), (2, 2), (3, 3), (4, 4), (6, 6), (7, 7)], "cancel from the middle")

    lp = virtual_loop(NEAR_WRAP)
    seed = [12345]

    def rnd(n):
        seed[0] = (seed[0] * 1103515245 + 12345) & 0x7FFFFFFF
        return seed[0] % n

    bad = []
    tasks = []
    asked = {}
    landed = {}

    async def sleeper(i):
        for _ in range(5 + rnd(8)):
            x = rnd(3000) if rnd(2) else rnd(20)
            due = ms(lp) + x
            try:
                await delay_ms(x)
            except asynccp.CancelledError:
                landed[i] = ms(lp)
                raise
            if ms(lp) != due:
                bad.append((i, due, ms(lp)))

    async def canceller():
        for _ in range(60):
            await delay_ms(rnd(60))
            i = rnd(len(tasks))
            if tasks[i].cancel():
                asked[i] = ms(lp)

    for i in range(150):
        tasks.append(asynccp.add_task(sleeper(i)))
    asynccp.add_task(canceller())
    asynccp.run()
    eq(bad, [], "wakes off their due tick")
    eq(landed, asked, "cancellations landing at once")
    true(len(asked) > 20, "few cancellations: %d" % len(asked))


# -- schedules ------------------------------------------------------------------------------


def _count_and_grid(freq, num, den, seconds, start=0):
    """Run `freq` for `seconds` on a fresh virtual loop; the period is
    num/den ms exactly: run k is due at floor(k * num / den). Checks every
    start tick (as they happen: no list, the heap is small) and the count."""
    lp = virtual_loop(start)
    st = {"k": 0, "bad": None}

    def f():
        k = st["k"]
        if st["bad"] is None and ms(lp) != (k * num) // den:
            st["bad"] = (k, ms(lp), (k * num) // den)
        st["k"] = k + 1

    asynccp.schedule(freq, f)
    lp.run_for(seconds)
    if st["bad"] is not None:
        raise Fail("%r Hz: run %d at %d ms, want %d" % ((freq,) + st["bad"]))
    span = seconds * 1000
    eq(st["k"], -((-span * den) // num), "runs of %r in %d s" % (freq, seconds))
    return lp


@scenario
def schedule_80hz_hour_is_288000_runs():
    _count_and_grid(80, 1000, 80, 3600)


@scenario
def schedule_7hz_hour_is_25200_runs():
    _count_and_grid(7, 1000, 7, 3600)


@scenario
def schedule_fractional_rates_exact():
    _count_and_grid(8.3, 10000, 83, 3600)
    _count_and_grid(8.3, 10000, 83, 1235)
    _count_and_grid(1 / 3, 3000, 1, 3600)
    _count_and_grid(asynccp.Duration.of_milliseconds(12.5), 25, 2, 600)
    _count_and_grid(3, 1000, 3, 601)


@scenario
def schedule_across_the_tick_wrap():
    lp = virtual_loop(NEAR_WRAP)
    ticks = []

    def f():
        ticks.append(lp.clock.ticks_ms())

    asynccp.schedule(80, f)
    lp.run_for(3)
    eq(len(ticks), 240, "runs")
    for k in range(240):
        if ticks[k] != (NEAR_WRAP + (k * 25) // 2) % WRAP:
            raise Fail("run %d at tick %d" % (k, ticks[k]))


class Rec:
    def __init__(self, lp, lengths=None, default=0):
        self.lp = lp
        self.starts = []
        self.lengths = lengths or {}
        self.default = default
        self.active = 0
        self.most = 0

    async def run(self):
        i = len(self.starts)
        self.starts.append(ms(self.lp))
        self.active += 1
        self.most = max(self.most, self.active)
        x = self.lengths.get(i, self.default)
        if x:
            await delay_ms(x)
        self.active -= 1


@scenario
def schedule_no_drift_no_overlap():
    lp = virtual_loop()
    r = Rec(lp, default=30)
    asynccp.schedule(10, r.run)
    lp.run_for(2)
    eq(r.starts, [100 * k for k in range(20)], "no drift")
    lp = virtual_loop()
    r = Rec(lp, default=250)
    asynccp.schedule(10, r.run)
    lp.run_for(2)
    eq(r.most, 1, "overlap")
    eq(r.starts, [250 * k for k in range(8)], "back to back")


@scenario
def schedule_catch_up_and_rebase():
    lp = virtual_loop()
    r = Rec(lp, lengths={2: 150})
    asynccp.schedule(10, r.run)
    lp.run_for(0.65)
    eq(r.starts, [0, 100, 200, 350, 400, 500, 600], "late once")
    lp = virtual_loop()
    r = Rec(lp, lengths={2: 450})
    asynccp.schedule(10, r.run)
    lp.run_for(1)
    eq(r.starts, [0, 100, 200, 650, 750, 850, 950], "re-based")


@scenario
def schedule_stop_start_change_rate():
    lp = virtual_loop()
    r = Rec(lp)
    st = asynccp.schedule(10, r.run)
    true(isinstance(st, asynccp.ScheduledTask), "ScheduledTask")

    async def driver():
        await delay(0.25)
        st.stop()
        await delay(0.5)
        st.start()
        st.start()
        await delay(0.32)  # at 1070, last due 1050
        st.change_rate(4)

    asynccp.add_task(driver())
    lp.run_for(2)
    eq(r.starts, [0, 100, 200, 750, 850, 950, 1050, 1300, 1550, 1800], "starts")
    st.stop()
    lp.run()
    eq(ms(lp), 2000, "run() returned after stop()")


@scenario
def schedule_later_and_args():
    lp = virtual_loop()
    got = []

    def f(a, b=None):
        got.append((a, b, ms(lp)))

    asynccp.schedule_later(asynccp.Duration.of_milliseconds(250), f, 1, b=2)
    lp.run_for(1)
    eq(got, [(1, 2, 250), (1, 2, 500), (1, 2, 750)], "runs")


@scenario
def change_rate_does_not_cut_a_run_short():
    lp = virtual_loop()
    log = []

    async def f():
        log.append(("start", ms(lp)))
        await delay(0.15)
        log.append(("end", ms(lp)))

    st = asynccp.schedule(2, f)

    async def driver():
        await delay(0.1)
        st.change_rate(100)

    asynccp.add_task(driver())
    lp.run_for(0.2)
    eq(log, [("start", 0), ("end", 150), ("start", 150)], "log")


# -- resources --------------------------------------------------------------------------------


@scenario
def resource_fifo_hooks_active():
    lp = virtual_loop()
    calls = []
    res = asynccp.ManagedResource(
        "bus",
        on_acquire=lambda name, **k: calls.append(("acq", name, k)),
        on_release=lambda name, **k: calls.append(("rel", name, k)),
    )
    order = []

    async def user(name, at):
        await delay_ms(at)
        h = res.handle(name, mode=1)
        async with h as r:
            true(h.active, "active inside")
            order.append((name, r, ms(lp)))
            await delay_ms(100)
        true(not h.active, "not active after")

    for name, at in [("c", 10), ("a", 0), ("b", 5)]:
        asynccp.add_task(user(name, at))
    asynccp.run()
    eq(order, [("a", "bus", 0), ("b", "bus", 100), ("c", "bus", 200)], "order")
    eq(
        calls,
        [
            ("acq", "a", {"mode": 1}),
            ("rel", "a", {"mode": 1}),
            ("acq", "b", {"mode": 1}),
            ("rel", "b", {"mode": 1}),
            ("acq", "c", {"mode": 1}),
            ("rel", "c", {"mode": 1}),
        ],
        "hooks",
    )


class Pin:
    def __init__(self, name, log):
        self.name = name
        self.log = log
        self.v = None

    def switch_to_output(self, value=False):
        self.v = value
        self.log.append((self.name, value))

    @property
    def value(self):
        return self.v

    @value.setter
    def value(self, v):
        self.v = v
        self.log.append((self.name, v))


@scenario
def managed_spi_chip_selects():
    virtual_loop()
    log = []
    spi = object()
    mgr = asynccp.ManagedSpi(spi)
    h1 = mgr.cs_handle(Pin("cs1", log))
    h2 = mgr.cs_handle(Pin("cs2", log))

    async def dev(h, name):
        async with h as bus:
            true(bus is spi, "the bus")
            log.append(name)
            await delay(0.01)

    asynccp.add_task(dev(h1, "d1"))
    asynccp.add_task(dev(h2, "d2"))
    asynccp.run()
    eq(
        log,
        [
            ("cs1", True),
            ("cs2", True),
            ("cs1", False),
            "d1",
            ("cs1", True),
            ("cs2", False),
            "d2",
            ("cs2", True),
        ],
        "pins",
    )


# -- Duration ---------------------------------------------------------------------------------


@scenario
def duration():
    D = asynccp.Duration
    eq(D.of_microseconds(1500).as_microseconds(), 1500, "of_microseconds")
    eq(D.of_microseconds(1000), D.of_milliseconds(1), "of_microseconds(1000)")
    eq(D.of_hours(1).as_milliseconds(), 3600000, "of_hours")
    eq(D.of_minutes(1.5).as_seconds(), 90, "of_minutes")
    eq(D.of_milliseconds(12.5).as_microseconds(), 12500, "of_milliseconds")
    eq(D.of_seconds(2).as_nanoseconds(), 2000000000, "as_nanoseconds")
    eq(D.of_milliseconds(12.5).as_frequency(), 80, "as_frequency")
    a = D.of_milliseconds(1.7)
    b = D.of_milliseconds(0.5)
    eq((a + b).as_microseconds(), 2200, "+")
    eq((b - a).as_microseconds(), -1200, "-")
    eq((-a).as_microseconds(), -1700, "unary -")
    eq((a * 2).as_microseconds(), 3400, "* int")
    eq((a * 0.5).as_microseconds(), 850, "* float")
    eq((3 * b).as_microseconds(), 1500, "int *")
    true(b < a and b <= a and a > b and a >= b and a != b, "comparisons")
    true(D.of_seconds(1) == D.of_milliseconds(1000), "==")
    raises(TypeError, a.__lt__, 5)
    raises(TypeError, a.__ge__, None)


# -- constraints: awaitables, bad input, allocation -----------------------------------------------


@scenario
def awaitables_define_await_and_iter():
    lp = virtual_loop()
    res = asynccp.ManagedResource(1)
    made = []

    def both(x):
        return hasattr(x, "__await__") and hasattr(x, "__iter__")

    async def child():
        return 1

    async def main():
        d = delay(0)
        made.append(both(d))
        await d
        d = delay_ms(1)
        made.append(both(d))
        await d
        t = asynccp.add_task(child())
        made.append(both(t))
        await t
        h = res.handle()
        a = h.__aenter__()
        made.append(both(h) and both(a))
        await a
        x = h.__aexit__(None, None, None)
        made.append(both(x))
        await x
        aw, resume = asynccp.suspend()
        made.append(both(aw))
        resume()
        await aw
        ev = asynccp.Event()
        ev.set()
        made.append(both(ev.wait()))
        lock = asynccp.Lock()
        made.append(both(lock.acquire()))
        sem = asynccp.Semaphore(1)
        made.append(both(sem.acquire()))
        q = asynccp.Queue(1)
        p = q.put(1)
        made.append(both(p))
        await p
        made.append(both(q.get()))
        w = asynccp.wait_for(child(), 1)
        made.append(both(w))
        eq(await w, 1, "wait_for")

    asynccp.add_task(main())
    asynccp.run()
    eq(made, [True] * 12, "both protocols")
    eq(ms(lp), 1, "time")


async def _c():
    pass


def _g():
    yield


@scenario
def bad_input_fails_at_the_call():
    virtual_loop()
    for rate in (0, -1, 0.0, -2.5):
        raises(ValueError, asynccp.schedule, rate, _c)
    raises(ValueError, asynccp.schedule, asynccp.Duration.of_seconds(0), _c)
    raises(TypeError, asynccp.schedule, None, _c)
    raises(TypeError, asynccp.schedule, 1, None)
    c = _c()
    raises(TypeError, asynccp.schedule, 1, c)
    raises(TypeError, asynccp.schedule_later, 1, _g())
    raises(TypeError, asynccp.add_task, _c)
    raises(TypeError, asynccp.add_task, _g)
    raises(TypeError, asynccp.run_later, 1, _c)
    raises(TypeError, delay, "x")
    raises(TypeError, delay_ms, 1.5)
    raises(TypeError, asynccp.Duration.of_seconds(1).__lt__, 1)
    raises(ValueError, asynccp.schedule, 1, _c, catch_up="bogus")
    raises(ValueError, delay, 4 * 24 * 3600)
    c.close()
    asynccp.run()  # nothing was left behind by the failed calls


def _alloc(make, n, ntasks):
    """Heap bytes allocated by run() of `ntasks` tasks made by make(n)."""
    lp = asynccp.Loop(clock=VirtualClock())
    for _ in range(ntasks):
        lp.add_task(make(n))
    gc.collect()
    gc.disable()
    try:
        a = gc.mem_alloc()
        lp.run()
        return gc.mem_alloc() - a
    finally:
        gc.enable()


def _no_growth(make, ntasks, what):
    small = _alloc(make, 10, ntasks)
    big = _alloc(make, 100, ntasks)
    # 90 * ntasks more awaits: even one byte each would show
    if big - small > 64:
        raise Fail("%s allocates: %d bytes for 10 awaits per task, %d for 100" % (what, small, big))


async def _switcher(n):
    for _ in range(n):
        await delay(0)


def _gen_switcher(n):
    for _ in range(n):
        yield from delay(0)


async def _sleeper_ms(n):
    for _ in range(n):
        await delay_ms(5)


async def _sleeper_s(n):
    for _ in range(n):
        await delay(1)


def _gen_sleeper(n):
    for _ in range(n):
        yield from delay_ms(3)


@mem_scenario
def task_switch_allocates_nothing():
    _no_growth(_switcher, 100, "await delay(0)")
    _no_growth(_gen_switcher, 100, "yield from delay(0)")


@mem_scenario
def delay_ms_allocates_nothing():
    _no_growth(_sleeper_ms, 20, "await delay_ms(5)")
    _no_growth(_gen_sleeper, 20, "yield from delay_ms(3)")


@mem_scenario
def delay_seconds_allocates_nothing():
    _no_growth(_sleeper_s, 20, "await delay(1)")


# -- run ----------------------------------------------------------------------------------------


sys.exit(1 if run_scenarios(SCENARIOS) else 0)

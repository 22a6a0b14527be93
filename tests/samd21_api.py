# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Every public API of asynccp in generator form, as a SAMD21 board runs it.

CircuitPython on SAMD21 boards has no async/await: tasks are generators,
``await x`` is ``yield from x``, ``async with h as r`` is ``r = yield from h``
then ``h.release()`` in a ``finally``. This script uses every public call
that way, on a virtual clock (so the log is the same everywhere), checks what
each did, and prints one line per check and ``DONE <n>``.

tests/test_samd21_api.py runs it on CPython, on MicroPython's unix port and on
the 32-bit MicroPython VM with a ``supervisor`` module and a 1536-byte
pystack (asynccp's CircuitPython code paths, a CircuitPython 9 SAMD21
board's Python stack), and compares the logs. Plain code only: no async
syntax, no f-strings, nothing SAMD21.md lists as missing.
"""

import asynccp
from asynccp.testing import VirtualClock, virtual_loop

checks = []


def check(what, got, want):
    checks.append(what)
    if got != want:
        raise AssertionError(f"{what}: got {got!r}, want {want!r}")
    print("ok", what, repr(got))


def now(lp):
    return lp.clock.elapsed_ms


# -- tasks, delays, joins, run_later ------------------------------------------


def tasks_and_delays():
    lp = virtual_loop()
    log = []

    def worker(name, ms):
        yield from asynccp.delay_ms(ms)
        log.append((name, now(lp)))
        return name

    def main():
        a = asynccp.add_task(worker("a", 20))
        b = lp.add_task(worker("b", 10))
        c = asynccp.run_later(0.03, worker("c", 0))
        r = yield from a
        log.append(("joined", r, b.done(), c.done()))
        yield from asynccp.delay(0.05)
        log.append(("end", now(lp), c.done()))

    asynccp.add_task(main())
    asynccp.run()
    check(
        "tasks, delay, delay_ms, run_later, join",
        log,
        [("b", 10), ("a", 20), ("joined", "a", True, False), ("c", 30), ("end", 70, True)],
    )


def cancel_and_errors():
    lp = virtual_loop()
    log = []

    def victim():
        try:
            yield from asynccp.delay(10)
        except asynccp.CancelledError:
            log.append(("cancelled", now(lp)))
            raise
        finally:
            log.append("finally")

    def failing():
        yield from asynccp.delay_ms(1)
        raise ValueError("boom")

    def main():
        v = asynccp.add_task(victim())
        yield from asynccp.delay(0.5)
        check("cancel a sleeping task", v.cancel(), True)
        yield
        check("cancelled task is done", v.done(), True)
        check("cancel again", v.cancel(), False)
        f = asynccp.add_task(failing())
        try:
            yield from f
        except ValueError as e:
            log.append(("joined error", e.args[0]))

    seen = []
    asynccp.set_exception_handler(lambda task, exc: seen.append(exc.args[0]))
    asynccp.add_task(main())
    asynccp.add_task(failing())  # nobody awaits it: the handler gets it
    asynccp.run()
    check(
        "cancel runs finally, join raises",
        log,
        [("cancelled", 500), "finally", ("joined error", "boom")],
    )
    check("exception handler", seen, ["boom"])
    lp.set_exception_handler(None)
    lp.add_task(failing())
    try:
        lp.run()
        got = None
    except ValueError as e:
        got = e.args[0]
    check("no handler: run raises", got, "boom")


def suspend_and_run_for():
    lp = virtual_loop()
    log = []

    def waiter():
        aw, resume = asynccp.suspend()
        asynccp.run_later(1, resumer(resume))
        yield from aw
        log.append(("resumed", now(lp)))

    def resumer(resume):
        resume()
        yield

    asynccp.add_task(waiter())
    lp.run_for(0.5)
    check("run_for stops at its deadline", (log, now(lp)), ([], 500))
    lp.run()
    check("suspend and resume", log, [("resumed", 1000)])


def plain_loop_with_a_clock():
    clock = VirtualClock()
    lp = asynccp.Loop(clock=clock)

    def s():
        yield from asynccp.delay(3600)

    lp.add_task(s())
    lp.run()
    check("a Loop on its own clock", clock.elapsed_ms, 3600000)


# -- schedules and durations ----------------------------------------------------


def schedules():
    lp = virtual_loop()
    Duration = asynccp.Duration
    runs = {"fn": 0, "gen": 0, "dur": 0}

    def fn():
        runs["fn"] += 1

    def gen(k):
        yield from asynccp.delay_ms(1)
        runs[k] += 1

    a = asynccp.schedule(80, fn)
    b = asynccp.schedule(Duration.of_milliseconds(100), gen, "gen")
    c = asynccp.schedule_later(frequency=Duration.of_seconds(1), coroutine_function=gen, k="dur")
    lp.run_for(1)
    # (sorted: MicroPython's dicts do not keep insertion order)
    check(
        "80 Hz, a Duration period, schedule_later",
        sorted(runs.items()),
        [("dur", 0), ("fn", 80), ("gen", 10)],
    )
    check("runs counts started runs", (a.runs, b.runs, c.runs), (80, 10, 0))
    a.stop()
    b.change_rate(20)
    lp.run_for(1)
    # (the new grid goes on from the last due time, 900: 950 has passed, so
    # two runs at 1000 and 1001 catch up, then 1050 ... 1950)
    check("stop, change_rate", sorted(runs.items()), [("dur", 1), ("fn", 80), ("gen", 31)])
    a.start()
    lp.run_for(0.5)
    check("start", runs["fn"], 120)
    check("the 0.1.x .task", a.task is a, True)
    for st in (a, b, c):
        st.cancel()
    lp.run()
    check("cancelled schedules end", (a.done(), b.done(), c.done()), (True, True, True))


def durations():
    D = asynccp.Duration
    from asynccp.time import Duration as OldDuration

    d = D.of_milliseconds(12.5)
    check("0.1.x import path", OldDuration is D, True)
    check("of_* and as_*", (d.as_microseconds(), d.as_milliseconds()), (12500, 12.5))
    check("as_frequency", round(d.as_frequency()), 80)
    check("of_hours, of_minutes", D.of_hours(1) == D.of_minutes(60), True)
    check("of_microseconds", D.of_microseconds(1500) == D.of_milliseconds(1.5), True)
    check("add, sub", (d + D.of_seconds(1)).as_microseconds(), 1012500)
    check("sub", (D.of_seconds(1) - d).as_microseconds(), 987500)
    check("negated (unary minus on full builds)", d.negated().as_microseconds(), -12500)
    check("times (* on full builds)", d.times(3).as_microseconds(), 37500)
    check("times a float", d.times(0.5).as_microseconds(), 6250)
    check("compare", (d < D.of_seconds(1), d >= d, d != D.of_seconds(1)), (True, True, True))
    check("hash", hash(d) == hash(D.of_microseconds(12500)), True)
    check("as_seconds, as_nanoseconds", (d.as_seconds(), d.as_nanoseconds()), (0.0125, 12500000))
    check("repr", repr(d), "Duration(12, 500)")


# -- sharing a bus, primitives, timeouts ------------------------------------------


class Pin:
    def __init__(self):
        self.value = None

    def switch_to_output(self, value=False):
        self.value = value


def resources():
    lp = virtual_loop()
    log = []
    bus = asynccp.ManagedResource(
        "bus",
        on_acquire=lambda n: log.append(("on", n)),
        on_release=lambda n: log.append(("off", n)),
    )
    from asynccp.managed_resource import ManagedResource

    check("0.1.x import path", ManagedResource is asynccp.ManagedResource, True)

    def user(n, ms):
        h = bus.handle(n)
        r = yield from h
        try:
            log.append((n, r, h.active, now(lp)))
            yield from asynccp.delay_ms(ms)
        finally:
            h.release()
        log.append((n, "done", h.active))

    asynccp.add_task(user("x", 10))
    asynccp.add_task(user("y", 5))
    asynccp.run()
    check(
        "ManagedResource: one holder, first come first served",
        log,
        [
            ("on", "x"),
            ("x", "bus", True, 0),
            ("off", "x"),
            ("x", "done", False),
            ("on", "y"),
            ("y", "bus", True, 10),
            ("off", "y"),
            ("y", "done", False),
        ],
    )
    spi = asynccp.ManagedSpi("spi")
    cs = Pin()
    h = spi.cs_handle(cs)
    seen = []

    def talk():
        r = yield from h
        try:
            seen.append((r, cs.value))
        finally:
            h.release()
        seen.append(cs.value)

    asynccp.add_task(talk())
    asynccp.run()
    check("ManagedSpi drives chip select low while held", seen, [("spi", False), True])


def primitives():
    lp = virtual_loop()
    log = []
    ev = asynccp.Event()
    lock = asynccp.Lock()
    sem = asynccp.Semaphore(2)
    q = asynccp.Queue(2)

    def waiter():
        r = yield from ev.wait()
        log.append(("event", r, now(lp)))

    def locker(n):
        yield from lock.acquire()
        try:
            log.append(("lock", n, lock.locked(), now(lp)))
            yield from asynccp.delay_ms(5)
        finally:
            lock.release()

    def holder(n):
        yield from sem.acquire()
        try:
            log.append(("sem", n, now(lp)))
            yield from asynccp.delay_ms(10)
        finally:
            sem.release()

    def producer():
        for i in range(4):
            yield from q.put(i)
        q.put_nowait  # (exists)

    def consumer():
        got = []
        for _ in range(4):
            x = yield from q.get()
            got.append(x)
            yield from asynccp.delay_ms(1)
        log.append(("queue", got))

    def setter():
        yield from asynccp.delay_ms(3)
        ev.set()

    asynccp.add_task(waiter())
    asynccp.add_task(setter())
    for n in range(2):
        asynccp.add_task(locker(n))
    for n in range(3):
        asynccp.add_task(holder(n))
    asynccp.add_task(producer())
    asynccp.add_task(consumer())
    asynccp.run()
    log.sort(key=repr)
    check(
        "Event, Lock, Semaphore, Queue",
        log,
        [
            ("event", True, 3),
            ("lock", 0, True, 0),
            ("lock", 1, True, 5),
            ("queue", [0, 1, 2, 3]),
            ("sem", 0, 0),
            ("sem", 1, 0),
            ("sem", 2, 10),
        ],
    )
    q2 = asynccp.Queue(1)
    q2.put_nowait(1)
    try:
        q2.put_nowait(2)
        full = False
    except asynccp.QueueFull:
        full = True
    check("put_nowait, QueueFull", (full, q2.full(), q2.qsize()), (True, True, 1))
    check("get_nowait", q2.get_nowait(), 1)
    try:
        q2.get_nowait()
        empty = False
    except asynccp.QueueEmpty:
        empty = True
    check("QueueEmpty", (empty, q2.empty()), (True, True))


def timeouts():
    lp = virtual_loop()
    log = []

    def slow():
        yield from asynccp.delay(5)
        return "late"

    def quick():
        yield from asynccp.delay(0.1)
        return "quick"

    def main():
        r = yield from asynccp.wait_for(quick(), 1)
        log.append((r, now(lp)))
        yield from asynccp.wait_for(asynccp.delay(0.2), 1)
        log.append(("delay", now(lp)))
        try:
            yield from asynccp.wait_for(slow(), 1)
        except asynccp.TimeoutError:
            log.append(("timeout", now(lp)))

    asynccp.add_task(main())
    asynccp.run()
    check("wait_for, TimeoutError", log, [("quick", 100), ("delay", 300), ("timeout", 1300)])


def tracing():
    from asynccp.trace import Tracer

    virtual_loop()
    tr = Tracer(16)
    tr.watch_all()

    def blink():
        for _ in range(3):
            yield from asynccp.delay_ms(10)

    asynccp.add_task(blink())
    asynccp.run()
    recs = tr.records()
    check(
        "Tracer records each step", (len(recs), recs[0][0], recs[-1][1:3]), (4, "blink", (30, 30))
    )


def old_names():
    from asynccp.loop import Loop, get_loop
    from asynccp.managed_spi import ManagedSpi

    check("0.1.x names", (Loop is asynccp.Loop, get_loop is asynccp.get_loop), (True, True))
    check("0.1.x ManagedSpi path", ManagedSpi is asynccp.ManagedSpi, True)


for f in (
    tasks_and_delays,
    cancel_and_errors,
    suspend_and_run_for,
    plain_loop_with_a_clock,
    schedules,
    durations,
    resources,
    primitives,
    timeouts,
    tracing,
    old_names,
):
    f()
print("DONE", len(checks))

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The loop, tasks, delays, suspend, run_later and the virtual clock: the
0.1.x API (programs written for it run unchanged), Task, delay_ms,
generator tasks, VirtualClock, wrap-safe time, sleeping without spinning
(a board idles instead of burning its battery), the timers."""

import random

import pytest

import asynccp
from asynccp.testing import VirtualClock

WRAP = 2**29
NEAR_WRAP = WRAP - 1000


def now(loop):
    return loop.clock.ticks_ms()


# -- tasks and run() ------------------------------------------------------------------------


def test_add_task_returns_a_task_run_runs_it_and_returns_when_nothing_is_left(vloop):
    log = []

    async def hello(name):
        log.append(name)

    t = asynccp.add_task(hello("a"))
    assert isinstance(t, asynccp.Task)
    assert not t.done()
    assert log == []  # add_task does not run it
    asynccp.run()
    assert log == ["a"]
    assert t.done()
    assert vloop.clock.elapsed_ms == 0
    asynccp.run()  # nothing left: returns at once
    assert log == ["a"]


def test_run_returns_after_the_last_delay_at_its_due_time(vloop):
    async def sleeper(s):
        await asynccp.delay(s)

    for s in (0.3, 1.25, 0.7):
        asynccp.add_task(sleeper(s))
    asynccp.run()
    assert vloop.clock.elapsed_ms == 1250


def test_delay_zero_lets_every_other_ready_task_run_once(vloop):
    log = []

    async def worker(name, n):
        for i in range(n):
            log.append(name + str(i))
            await asynccp.delay(0)

    for name in "abc":
        asynccp.add_task(worker(name, 3))
    asynccp.run()
    assert log == ["a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"]
    assert vloop.clock.elapsed_ms == 0


def test_delay_ms_zero_and_negative_delays_yield_too(vloop):
    log = []

    async def a():
        log.append("a0")
        await asynccp.delay_ms(0)
        log.append("a1")
        await asynccp.delay(-5)
        log.append("a2")
        await asynccp.delay_ms(-5)
        log.append("a3")

    async def b():
        for i in range(3):
            log.append(f"b{i}")
            await asynccp.delay(0)

    asynccp.add_task(a())
    asynccp.add_task(b())
    asynccp.run()
    assert log == ["a0", "b0", "a1", "b1", "a2", "b2", "a3"]
    assert vloop.clock.elapsed_ms == 0


def test_delays_wake_at_their_exact_due_ticks(vloop):
    wakes = []

    async def task():
        await asynccp.delay(0.25)
        wakes.append(now(vloop))
        await asynccp.delay(1)
        wakes.append(now(vloop))
        await asynccp.delay_ms(7)
        wakes.append(now(vloop))
        await asynccp.delay(0.0014)  # rounded to whole milliseconds
        wakes.append(now(vloop))
        await asynccp.delay(3 * 24 * 3600)  # the longest delay there is
        wakes.append(vloop.clock.elapsed_ms)

    asynccp.add_task(task())
    asynccp.run()
    assert wakes == [250, 1250, 1257, 1258, 1258 + 3 * 24 * 3600 * 1000]


def test_tasks_wake_in_due_order(vloop):
    log = []

    async def sleeper(name, ms):
        await asynccp.delay_ms(ms)
        log.append((name, now(vloop)))

    for name, ms in [("c", 30), ("a", 10), ("d", 40), ("b", 20)]:
        asynccp.add_task(sleeper(name, ms))
    asynccp.run()
    assert log == [("a", 10), ("b", 20), ("c", 30), ("d", 40)]


def test_a_task_added_by_a_task_first_runs_when_the_adder_yields(vloop):
    log = []

    async def child():
        log.append("child")

    async def parent():
        asynccp.add_task(child())
        log.append("after add")
        await asynccp.delay(0)
        log.append("parent again")

    asynccp.add_task(parent())
    asynccp.run()
    assert log == ["after add", "child", "parent again"]


def test_loop_methods_mirror_the_module_functions(vloop):
    """Loop(debug=False) has the same methods, and its own tasks."""
    clock = VirtualClock()
    mine = asynccp.Loop(clock=clock)
    log = []

    async def t(name, s):
        await mine.delay(s)
        log.append((name, clock.ticks_ms()))

    mine.add_task(t("now", 0.5))
    mine.run_later(1, t("later", 0.3))
    st = mine.schedule(2, t, "sched", 0.2)
    mine.run_for(1.6)
    st.stop()  # the run started at 1500 is not interrupted
    mine.run()
    assert log == [
        ("sched", 200),
        ("now", 500),
        ("sched", 700),
        ("sched", 1200),
        ("later", 1300),
        ("sched", 1700),
    ]
    assert vloop.clock.elapsed_ms == 0  # the default loop was not touched


# -- Task: result, exception, cancel -----------------------------------------------------


def test_await_task_gives_its_return_value(vloop):
    got = []

    async def child():
        await asynccp.delay(0.1)
        return 42

    async def parent():
        t = asynccp.add_task(child())
        got.append(await t)
        got.append(now(vloop))
        got.append(await t)  # again, after it ended: at once
        got.append(now(vloop))

    asynccp.add_task(parent())
    asynccp.run()
    assert got == [42, 100, 42, 100]


def test_await_task_raises_its_exception(vloop):
    got = []

    async def child():
        await asynccp.delay(0.1)
        raise KeyError("boom")

    async def parent():
        t = asynccp.add_task(child())
        try:
            await t
        except KeyError as e:
            got.append((e.args, now(vloop)))
        assert t.done()

    asynccp.add_task(parent())
    asynccp.run()  # handed to the awaiting task: it does not leave run()
    assert got == [(("boom",), 100)]


def test_awaiting_an_already_ended_task_does_not_yield(vloop):
    log = []

    async def child():
        return "r"

    async def other():
        log.append("other")

    async def parent():
        t = asynccp.add_task(child())
        await asynccp.delay(0)
        asynccp.add_task(other())
        log.append(await t)
        log.append("parent")
        await asynccp.delay(0)

    asynccp.add_task(parent())
    asynccp.run()
    assert log == ["r", "parent", "other"]


def test_many_tasks_may_await_one_task(vloop):
    got = []

    async def child():
        await asynccp.delay(1)
        return "x"

    async def waiter(t, i):
        got.append((i, await t, now(vloop)))

    t = asynccp.add_task(child())
    for i in range(3):
        asynccp.add_task(waiter(t, i))
    asynccp.run()
    assert got == [(0, "x", 1000), (1, "x", 1000), (2, "x", 1000)]


def test_cancel_throws_cancelled_error_at_the_current_await_and_finally_runs(vloop):
    log = []

    async def victim():
        try:
            log.append("start")
            await asynccp.delay(10)
            log.append("not reached")
        except asynccp.CancelledError:
            log.append(("cancelled", now(vloop)))
            raise
        finally:
            log.append("finally")

    async def killer(t):
        await asynccp.delay(2)
        assert t.cancel() is True
        assert not t.done()  # it ends when it next runs
        log.append("cancel called")

    t = asynccp.add_task(victim())
    asynccp.add_task(killer(t))
    asynccp.run()  # a cancelled task does not make run() raise
    assert log == ["start", "cancel called", ("cancelled", 2000), "finally"]
    assert t.done()
    assert t.cancel() is False  # already ended: nothing happens
    assert vloop.clock.elapsed_ms == 2000  # the 10 s wait was abandoned


def test_cancelled_error_is_a_base_exception():
    assert issubclass(asynccp.CancelledError, BaseException)
    assert not issubclass(asynccp.CancelledError, Exception)


def test_except_exception_does_not_swallow_cancellation(vloop):
    log = []

    async def victim():
        try:
            await asynccp.delay(5)
        except Exception:
            log.append("swallowed")
        log.append("went on")

    async def killer(t):
        await asynccp.delay(1)
        t.cancel()

    t = asynccp.add_task(victim())
    asynccp.add_task(killer(t))
    asynccp.run()
    assert log == []
    assert t.done()


def test_a_task_may_catch_cancellation_and_go_on(vloop):
    log = []

    async def stubborn():
        try:
            await asynccp.delay(5)
        except asynccp.CancelledError:
            log.append(("caught", now(vloop)))
        await asynccp.delay(1)
        log.append(("still here", now(vloop)))
        return "ok"

    async def killer(t):
        await asynccp.delay(1)
        t.cancel()
        log.append(("result", await t))

    t = asynccp.add_task(stubborn())
    asynccp.add_task(killer(t))
    asynccp.run()
    assert log == [("caught", 1000), ("still here", 2000), ("result", "ok")]


def test_await_a_cancelled_task_raises_cancelled_error(vloop):
    got = []

    async def victim():
        await asynccp.delay(5)

    async def parent():
        t = asynccp.add_task(victim())
        await asynccp.delay(1)
        t.cancel()
        try:
            await t
        except asynccp.CancelledError:
            got.append(("cancelled", now(vloop)))

    asynccp.add_task(parent())
    asynccp.run()
    assert got == [("cancelled", 1000)]


def test_cancel_before_the_first_run_means_it_never_runs(vloop):
    log = []

    async def victim():
        log.append("ran")

    t = asynccp.add_task(victim())
    assert t.cancel() is True
    asynccp.run()
    assert log == []
    assert t.done()


def test_a_task_that_cancels_itself_gets_the_error_at_its_next_await(vloop):
    log = []
    box = []

    async def selfish():
        box[0].cancel()
        log.append("after cancel")  # cancel() does not yield
        try:
            await asynccp.delay(1)
        except asynccp.CancelledError:
            log.append(("cancelled", now(vloop)))
            raise

    box.append(asynccp.add_task(selfish()))
    asynccp.run()
    assert log == ["after cancel", ("cancelled", 0)]


def test_cancel_a_task_waiting_on_an_event_removes_it_from_the_wait(vloop):
    ev = asynccp.Event()
    log = []

    async def waiter(name):
        try:
            await ev.wait()
            log.append((name, "woke", now(vloop)))
        except asynccp.CancelledError:
            log.append((name, "cancelled", now(vloop)))

    async def main():
        a = asynccp.add_task(waiter("a"))
        asynccp.add_task(waiter("b"))
        await asynccp.delay(1)
        a.cancel()
        await asynccp.delay(1)
        ev.set()

    asynccp.add_task(main())
    asynccp.run()
    assert log == [("a", "cancelled", 1000), ("b", "woke", 2000)]


def test_cancel_a_task_awaiting_another_leaves_the_other_running(vloop):
    log = []

    async def child():
        await asynccp.delay(2)
        log.append(("child done", now(vloop)))
        return 1

    async def parent(c):
        try:
            await c
        except asynccp.CancelledError:
            log.append(("parent cancelled", now(vloop)))
            raise

    async def main():
        c = asynccp.add_task(child())
        p = asynccp.add_task(parent(c))
        await asynccp.delay(1)
        p.cancel()
        log.append(("child result", await c))

    asynccp.add_task(main())
    asynccp.run()
    assert log == [("parent cancelled", 1000), ("child done", 2000), ("child result", 1)]


# -- run_later ------------------------------------------------------------------------------


def test_run_later_starts_the_task_after_the_delay(vloop):
    log = []

    async def t(name):
        log.append((name, now(vloop)))

    a = asynccp.run_later(1.5, t("a"))
    b = asynccp.run_later(0, t("b"))
    assert isinstance(a, asynccp.Task) and isinstance(b, asynccp.Task)
    asynccp.add_task(t("c"))
    asynccp.run()
    assert log == [("c", 0), ("b", 0), ("a", 1500)]
    assert a.done() and b.done()


def test_run_later_cancelled_before_it_starts_never_runs(vloop):
    log = []

    async def t():
        log.append("ran")

    async def canceller(task):
        await asynccp.delay(1)
        task.cancel()

    later = asynccp.run_later(2, t())
    asynccp.add_task(canceller(later))
    asynccp.run()
    assert log == []
    assert later.done()
    assert vloop.clock.elapsed_ms == 1000  # run() did not wait for its start time


def test_run_later_from_a_task_counts_from_now(vloop):
    log = []

    async def t():
        log.append(now(vloop))

    async def main():
        await asynccp.delay(0.3)
        asynccp.run_later(0.2, t())

    asynccp.add_task(main())
    asynccp.run()
    assert log == [500]


# -- suspend ----------------------------------------------------------------------------------


def test_suspend_parks_until_resume(vloop):
    log = []
    box = {}

    async def sleeper():
        aw, resume = asynccp.suspend()
        box["resume"] = resume
        log.append("parked")
        await aw
        log.append(("resumed", now(vloop)))

    async def waker():
        await asynccp.delay(2)
        box["resume"]()
        log.append("resume called")  # resume() does not yield
        box["resume"]()  # a second call does nothing

    asynccp.add_task(sleeper())
    asynccp.add_task(waker())
    asynccp.run()
    assert log == ["parked", "resume called", ("resumed", 2000)]


def test_suspend_returns_at_once_if_resume_came_first(vloop):
    log = []

    async def other():
        log.append("other")

    async def t():
        aw, resume = asynccp.suspend()
        resume()
        asynccp.add_task(other())
        await aw  # does not yield
        log.append("t")
        await asynccp.delay(0)

    asynccp.add_task(t())
    asynccp.run()
    assert log == ["t", "other"]


def test_suspend_outside_a_running_loop_is_a_runtime_error(vloop):
    with pytest.raises(RuntimeError):
        asynccp.suspend()
    with pytest.raises(RuntimeError):
        vloop.suspend()


def test_resume_after_cancel_does_nothing(vloop):
    log = []
    box = {}

    async def sleeper():
        aw, box["resume"] = asynccp.suspend()
        try:
            await aw
        except asynccp.CancelledError:
            log.append(("cancelled", now(vloop)))
        await asynccp.delay(1)
        log.append(("slept", now(vloop)))

    async def main():
        t = asynccp.add_task(sleeper())
        await asynccp.delay(1)
        t.cancel()
        await asynccp.delay(0.5)
        box["resume"]()  # the sleeper is in delay(1) now: must not wake it
        await t

    asynccp.add_task(main())
    asynccp.run()
    assert log == [("cancelled", 1000), ("slept", 2000)]


def test_resume_wakes_only_a_task_parked_in_that_suspend(vloop):
    """resume() called while the task waits on something else (an event)
    must not end that other wait: the task is not parked in the suspend."""
    ev = asynccp.Event()
    log = []
    box = {}

    async def t():
        aw, box["resume"] = asynccp.suspend()
        r = await ev.wait()
        log.append(("event wait returned", r, ev.is_set(), now(vloop)))
        await aw
        log.append(("suspend returned", now(vloop)))

    async def main():
        await asynccp.delay(1)
        box["resume"]()  # before t awaits its suspend
        await asynccp.delay(1)
        ev.set()

    asynccp.add_task(t())
    asynccp.add_task(main())
    asynccp.run()
    assert log == [("event wait returned", True, True, 2000), ("suspend returned", 2000)]


# -- generator tasks --------------------------------------------------------------------------


def test_plain_generator_tasks(vloop):
    log = []

    def blink(name, n, s):
        for i in range(n):
            log.append((name, i, now(vloop)))
            yield from asynccp.delay(s)
        return name * 2

    def bare():
        log.append(("bare", 0))
        yield  # a plain yield is a yield point
        log.append(("bare", 1))

    def parent():
        t = asynccp.add_task(blink("b", 2, 0.4))
        r = yield from t
        log.append(("joined", r, now(vloop)))
        yield from asynccp.delay_ms(5)
        log.append(("parent", now(vloop)))

    asynccp.add_task(blink("a", 2, 0.5))
    asynccp.add_task(parent())
    asynccp.add_task(bare())
    asynccp.run_later(0.25, blink("late", 1, 0.5))
    asynccp.run()
    assert log == [
        ("a", 0, 0),
        ("bare", 0),
        ("b", 0, 0),
        ("bare", 1),
        ("late", 0, 250),
        ("b", 1, 400),
        ("a", 1, 500),
        ("joined", "bb", 800),
        ("parent", 805),
    ]


def test_generator_task_cancel_runs_finally(vloop):
    log = []

    def g():
        try:
            yield from asynccp.delay(5)
        finally:
            log.append(("finally", now(vloop)))

    def main():
        t = asynccp.add_task(g())
        yield from asynccp.delay(1)
        t.cancel()
        try:
            yield from t
        except asynccp.CancelledError:
            log.append("cancelled")

    asynccp.add_task(main())
    asynccp.run()
    assert log == [("finally", 1000), "cancelled"]


# -- run_for and the virtual clock --------------------------------------------------------


def test_run_for_runs_what_is_due_before_the_deadline_and_keeps_the_rest(vloop):
    log = []

    async def t(ms):
        await asynccp.delay_ms(ms)
        log.append(now(vloop))

    for ms in (999, 1000, 1001):
        asynccp.add_task(t(ms))
    vloop.run_for(1)
    assert log == [999]
    assert vloop.clock.elapsed_ms == 1000  # the clock stops exactly at the deadline
    vloop.run_for(0.001)
    assert log == [999, 1000]
    vloop.run_for(5)
    assert log == [999, 1000, 1001]
    assert vloop.clock.elapsed_ms == 6001  # nothing to do: it still sleeps to the deadline


def test_virtual_clock_advance_and_elapsed():
    c = VirtualClock(start_ms=NEAR_WRAP)
    assert c.ticks_ms() == NEAR_WRAP
    c.advance(1500)
    assert c.ticks_ms() == 500
    assert c.elapsed_ms == 1500
    c.sleep_ms(0)
    c.sleep_ms(-3)
    assert c.ticks_ms() == 500 and c.elapsed_ms == 1500
    assert VirtualClock().ticks_ms() == 0
    assert VirtualClock(start_ms=WRAP + 5).ticks_ms() == 5


def test_virtual_loop_becomes_the_default_loop(make_vloop):
    # make_vloop restores the default loop afterwards; the loop here is the library's own
    from asynccp.testing import virtual_loop

    lp = virtual_loop(start_ms=123, debug=True)
    assert isinstance(lp, asynccp.Loop)
    assert asynccp.get_loop() is lp
    assert isinstance(lp.clock, VirtualClock)
    assert lp.clock.ticks_ms() == 123
    assert lp.debug is True
    log = []

    async def t():
        await asynccp.delay(1)
        log.append((lp.clock.ticks_ms(), lp.clock.elapsed_ms))

    asynccp.add_task(t())
    asynccp.run()
    assert log == [(1123, 1000)]
    assert virtual_loop() is not lp  # a new loop and clock each time
    assert asynccp.get_loop() is not lp


def test_an_hour_of_virtual_time_runs_fast_and_exactly(vloop):
    wakes = []

    async def minute_ticker():
        while True:
            await asynccp.delay(60)
            wakes.append(vloop.clock.elapsed_ms)

    asynccp.add_task(minute_ticker())
    vloop.run_for(3600)
    assert wakes == [60000 * k for k in range(1, 60)]  # the 60th is due at the deadline
    assert vloop.clock.elapsed_ms == 3600000


# -- sleeping: the exact gap, never spinning -------------------------------------------------


class RecordingClock:
    """A fake clock: sleep_ms records the call and moves time by exactly that."""

    def __init__(self, start=0):
        self.t = start
        self.sleeps = []
        self.reads = 0

    def ticks_ms(self):
        self.reads += 1
        return self.t

    def sleep_ms(self, ms):
        self.sleeps.append(ms)
        self.t = (self.t + ms) % WRAP


@pytest.mark.parametrize("start", [0, NEAR_WRAP])
def test_the_loop_sleeps_exactly_the_gap_to_the_next_due_time(start):
    clock = RecordingClock(start)
    lp = asynccp.Loop(clock=clock)
    log = []

    async def t(ms):
        await asynccp.delay_ms(ms)
        log.append((clock.t - start) % WRAP)
        await asynccp.delay(0.25)
        log.append((clock.t - start) % WRAP)

    lp.add_task(t(100))
    lp.add_task(t(300))
    lp.add_task(t(300))
    lp.run()
    assert clock.sleeps == [100, 200, 50, 200]
    assert log == [100, 300, 300, 350, 550, 550]
    assert clock.reads < 50  # no busy polling of the clock


def test_the_loop_does_not_sleep_while_tasks_are_ready():
    clock = RecordingClock()
    lp = asynccp.Loop(clock=clock)

    async def busy():
        for _ in range(100):
            await asynccp.delay(0)

    lp.add_task(busy())
    lp.add_task(busy())
    lp.run()
    assert clock.sleeps == []


def test_run_for_sleeps_to_the_deadline_in_one_call():
    clock = RecordingClock()
    lp = asynccp.Loop(clock=clock)

    async def t():
        await asynccp.delay(10)

    lp.add_task(t())
    lp.run_for(2.5)
    assert clock.sleeps == [2500]
    lp.run_for(1)
    assert clock.sleeps == [2500, 1000]


def test_sleep_that_returns_early_is_continued_not_spun():
    """A clock whose sleep returns early (say, woken by an interrupt): the loop
    sleeps again for what is left."""

    class Early(RecordingClock):
        def sleep_ms(self, ms):
            self.sleeps.append(ms)
            self.t += min(ms, 40)

    clock = Early()
    lp = asynccp.Loop(clock=clock)
    log = []

    async def t():
        await asynccp.delay_ms(100)
        log.append(clock.t)

    lp.add_task(t())
    lp.run()
    assert clock.sleeps == [100, 60, 20]
    assert log == [100]


def test_default_clock_really_sleeps():
    import time

    lp = asynccp.Loop()

    async def t():
        await asynccp.delay(0.05)

    lp.add_task(t())
    t0 = time.monotonic()
    lp.run()
    took = time.monotonic() - t0
    assert 0.045 <= took < 1


# -- time across the wrap of the tick counter ----------------------------------------------


def test_delays_across_the_wrap(make_vloop):
    lp = make_vloop(start_ms=NEAR_WRAP)
    log = []

    async def t(name, s):
        await asynccp.delay(s)
        log.append((name, lp.clock.ticks_ms(), lp.clock.elapsed_ms))

    # added out of order: the timers must be in due order across the wrap
    for name, s in [("c", 1.5), ("a", 0.5), ("d", 3), ("b", 1)]:
        asynccp.add_task(t(name, s))
    asynccp.run_later(0.999, t("e", 0.002))
    asynccp.run()
    assert log == [
        ("a", WRAP - 500, 500),
        ("b", 0, 1000),
        ("e", 1, 1001),
        ("c", 500, 1500),
        ("d", 2000, 3000),
    ]


def test_repeated_delays_across_many_wraps_keep_exact_time(make_vloop):
    lp = make_vloop(start_ms=NEAR_WRAP)
    n = []

    async def t():
        while True:
            await asynccp.delay(3600)  # an hour; the counter wraps every 6.2 days
            n.append(lp.clock.elapsed_ms)

    asynccp.add_task(t())
    for _ in range(20):
        lp.run_for(24 * 3600)
    assert n == [3600000 * k for k in range(1, 480)]
    assert lp.clock.ticks_ms() == (NEAR_WRAP + 20 * 24 * 3600 * 1000) % WRAP


# -- the timers (Loop._at: kept in due order): many timers, cancellations ---------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("start", [0, NEAR_WRAP])
def test_many_random_timers_and_cancellations(make_vloop, seed, start):
    """Every sleeping task wakes exactly at its due tick and in due order;
    cancelled ones leave the timers at once and never wake from them."""
    rnd = random.Random(seed)
    lp = make_vloop(start_ms=start)
    wakes = []  # (elapsed, name, expected)
    cancelled = []
    tasks = {}

    async def sleeper(name):
        for _ in range(rnd.randrange(5, 15)):
            ms = rnd.choice([0, 1, 2, rnd.randrange(0, 50), rnd.randrange(0, 5000)])
            due = lp.clock.elapsed_ms + ms
            try:
                await asynccp.delay_ms(ms)
            except asynccp.CancelledError:
                cancelled.append((name, lp.clock.elapsed_ms))
                raise
            wakes.append((lp.clock.elapsed_ms, name, due))

    async def canceller():
        names = list(tasks)
        rnd.shuffle(names)
        for name in names[: len(names) // 3]:
            await asynccp.delay_ms(rnd.randrange(0, 50))
            if tasks[name].cancel():
                cancelled.append((name, "asked", lp.clock.elapsed_ms))

    for i in range(300):
        tasks[i] = asynccp.add_task(sleeper(i))
    asynccp.add_task(canceller())
    asynccp.run()
    # each wake at its exact due tick
    assert all(at == due for at, _, due in wakes)
    # wake order is due order
    assert [at for at, _, _ in wakes] == sorted(at for at, _, _ in wakes)
    # each cancellation asked for lands at once (same tick), and that task never wakes again
    asked = {c[0]: c[2] for c in cancelled if len(c) == 3}
    landed = {c[0]: c[1] for c in cancelled if len(c) == 2}
    assert landed == asked
    assert len(asked) > 60
    for name, at in asked.items():
        assert not any(n == name and t > at for t, n, _ in wakes)
    assert all(t.done() for t in tasks.values())


# -- the ready ring: first in, first out, however it grows ------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_ready_tasks_run_first_in_first_out_while_the_ring_grows(vloop, seed):
    """Tasks that only yield (delay(0)) and spawn others run in exactly the
    order a plain FIFO queue gives, through ring wrap-around and growth at any
    head position (spawning bursts mid-round)."""
    rnd = random.Random(seed)
    plan = {}  # task id -> list of steps; a step is the number of children spawned
    counter = [0]

    def new_plan():
        i = counter[0]
        counter[0] += 1
        steps = [rnd.choice([0, 0, 0, 1, 2, rnd.randrange(0, 40)]) if counter[0] < 400 else 0]
        steps += [0] * rnd.randrange(0, 6)
        if i == 2:
            steps = [0, 30, 0, 0]  # a burst mid-round, the ring's head not at 0
        plan[i] = steps
        return i

    trace = []

    async def task(i):
        for step, spawn in enumerate(plan[i]):
            trace.append((i, step))
            for _ in range(spawn):
                asynccp.add_task(task(new_plan()))
            await asynccp.delay(0)

    # the real run
    for _ in range(5):
        asynccp.add_task(task(new_plan()))
    asynccp.run()

    # the model: a FIFO queue of (task, next step)
    from collections import deque

    model = []
    q = deque((i, 0) for i in range(5))
    seen = 5
    while q:
        i, step = q.popleft()
        if step == len(plan[i]):
            continue
        model.append((i, step))
        for _ in range(plan[i][step]):
            q.append((seen, 0))
            seen += 1
        q.append((i, step + 1))
    assert trace == model
    assert seen > 35


# -- misuse that is reported --------------------------------------------------------------------


def test_run_inside_a_running_loop_is_a_runtime_error(vloop):
    got = []

    async def t():
        try:
            vloop.run()
        except RuntimeError:
            got.append("refused")
        try:
            asynccp.Loop(clock=VirtualClock()).run()
        except RuntimeError:
            got.append("refused other loop")

    asynccp.add_task(t())
    asynccp.run()
    assert got == ["refused", "refused other loop"]


def test_a_task_awaiting_itself_is_a_runtime_error(vloop):
    got = []
    box = []

    async def t():
        try:
            await box[0]
        except RuntimeError:
            got.append("refused")

    box.append(asynccp.add_task(t()))
    asynccp.run()
    assert got == ["refused"]


def test_resume_from_outside_the_loop_between_runs(vloop):
    """A callback (not a task) may call resume() while the loop is not running."""
    log = []
    box = {}

    async def t():
        aw, box["resume"] = asynccp.suspend()
        await aw
        log.append(("resumed", vloop.clock.elapsed_ms))

    asynccp.add_task(t())
    vloop.run_for(1)
    assert log == []
    box["resume"]()
    vloop.run_for(1)
    assert log == [("resumed", 1000)]


def test_wait_for_a_delay_times_out_while_other_tasks_delay(vloop):
    """wait_for() takes any asynccp awaitable; delay() is one. Another task
    awaiting its own delay meanwhile must not end the wrapped delay early."""
    log = []

    async def waiter():
        try:
            await asynccp.wait_for(asynccp.delay(5), 1)
            log.append(("no timeout", vloop.clock.elapsed_ms))
        except asynccp.TimeoutError:
            log.append(("timeout", vloop.clock.elapsed_ms))

    async def other():
        for _ in range(3):
            await asynccp.delay(0.1)

    asynccp.add_task(waiter())
    asynccp.add_task(other())
    asynccp.run()
    assert log == [("timeout", 1000)]


def test_cancelling_a_timer_whose_replacement_must_move_up():
    """Cancelling a sleeping task from the middle of the timers leaves the
    others waking at their due ticks, in order. (Timers due 1, 4, 2, 5, 6,
    7, 3 ms, added in that order, then cancelling the one due at 5: the
    smallest case that woke a timer late when the timers were a binary
    heap, which moved the last timer into the hole.)"""
    clock = VirtualClock()
    lp = asynccp.Loop(clock=clock)
    wakes = []
    tasks = {}

    async def sleeper(ms):
        await asynccp.delay_ms(ms)
        wakes.append((ms, clock.ticks_ms()))

    async def canceller():
        tasks[5].cancel()

    for ms in (1, 4, 2, 5, 6, 7, 3):
        tasks[ms] = lp.add_task(sleeper(ms))
    lp.add_task(canceller())
    lp.run()
    assert wakes == [(1, 1), (2, 2), (3, 3), (4, 4), (6, 6), (7, 7)]


def test_await_a_run_later_task_before_it_started(vloop):
    got = []

    async def child():
        await asynccp.delay(0.5)
        return "done"

    async def parent():
        t = asynccp.run_later(1, child())
        got.append((await t, vloop.clock.elapsed_ms))

    asynccp.add_task(parent())
    asynccp.run()
    assert got == [("done", 1500)]


def test_awaiting_a_delay_outside_the_loop_is_a_runtime_error():
    async def f():
        await asynccp.delay(1)

    c = f()
    with pytest.raises(RuntimeError):
        c.send(None)


def test_awaiting_something_foreign_raises_type_error_at_that_await(vloop):
    class Foreign:
        def __await__(self):
            yield "a future of another library"

    log = []

    async def t():
        try:
            await Foreign()
        except TypeError as e:
            log.append(("TypeError", "another library" in str(e)))
        await asynccp.delay(0.1)
        log.append(("went on", vloop.clock.elapsed_ms))

    def g():
        try:
            yield 5
        except TypeError:
            log.append("generator TypeError")

    asynccp.add_task(t())
    asynccp.add_task(g())
    asynccp.run()
    assert log == [("TypeError", True), "generator TypeError", ("went on", 100)]


class _Foreign:
    def __await__(self):
        yield "a future of another library"


def test_cancel_after_a_foreign_await_is_not_lost(vloop):
    """A task that awaited something foreign has a TypeError coming at that
    await; a cancel() in the meantime must still cancel it afterwards."""
    log = []

    async def victim():
        try:
            await _Foreign()
        except TypeError:
            log.append("TypeError")
        await asynccp.delay(1)
        log.append("not cancelled")

    async def canceller(t):
        assert t.cancel() is True

    t = asynccp.add_task(victim())
    asynccp.add_task(canceller(t))
    asynccp.run()
    # the TypeError may come first or be replaced by the cancellation, but
    # the task ends cancelled, at once
    assert log in (["TypeError"], [])
    assert t.done()
    assert vloop.clock.elapsed_ms == 0

    async def check():
        try:
            await t
        except asynccp.CancelledError:
            log.append("ended cancelled")

    asynccp.add_task(check())
    asynccp.run()
    assert log[-1] == "ended cancelled"


def test_self_cancel_then_a_foreign_await(vloop):
    """Either exception may arrive first, but the task ends with one of them,
    not with an error of asynccp's own making."""
    got = []
    box = []

    async def t():
        box[0].cancel()
        try:
            await _Foreign()
        except TypeError:
            got.append("TypeError")
            await asynccp.delay(0)
        except asynccp.CancelledError:
            got.append("CancelledError")
            raise

    box.append(asynccp.add_task(t()))
    asynccp.run()
    assert got in (["TypeError"], ["CancelledError"])
    assert box[0].done()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The reliability scenarios (failures, cancellation, timeouts, primitives,
resources, deadlocks, catch-up), the soak and the leak loops, for MicroPython
and CPython.

Self-contained: it needs only asynccp and adafruit_ticks on the path. On the
MicroPython VM::

    MICROPYPATH=.frozen:src:<dir with adafruit_ticks.py> micropython tests/mp_reliability.py

prints ``ok <name>`` or ``FAIL <name>: <why>`` per scenario, then
``<n> scenarios, <k> failed``, and exits 1 if any failed. Other modes::

    micropython tests/mp_reliability.py soak HOURS     # the soak, HOURS simulated
    micropython tests/mp_reliability.py leak_tasks N   # N task creations/completions
    micropython tests/mp_reliability.py leak_timeouts N

print one ``key value`` line per result. CPython's tests import this module
and run every scenario (tests/test_reliability_scenarios.py) and the soak
(tests/test_reliability_soak.py) in-process.
"""

# ruff: noqa: UP031  (%-formatting: the script keeps to what every MicroPython has)

import gc
import sys

from mp_check import HAS_MEM, WRAP, Fail, Skip, eq, ms, raises, true
from mp_check import run_scenarios as _run

import asynccp
from asynccp import CancelledError, Loop
from asynccp.delay import delay, delay_ms
from asynccp.testing import VirtualClock

SCENARIOS = []


def scenario(fn):
    SCENARIOS.append(fn)
    return fn


#: The scenarios that count bytes with gc.mem_alloc: MicroPython only (the
#: CPython tests leave them out; these functions call needs_mem first).
MEM_ONLY = ("queue_nowait_allocates_nothing", "queue_awaits_allocate_nothing_per_item")


def needs_mem():
    if not HAS_MEM:
        raise Skip("needs gc.mem_alloc (MicroPython)")


def _data(t):
    # what an ended task left: its result or the exception that ended it
    return t.coro if t.done() else None


def new_loop(start=0):
    clock = VirtualClock(start)
    lp = Loop(clock=clock)
    lp.clock = clock
    return lp


def recorder(lp, log):
    # an exception handler that logs (where, time, exception type)
    def handler(task, exc):
        log.append(("handler", ms(lp), type(exc).__name__))

    return handler


# ==================================================================== exceptions


@scenario
def exception_leaves_run_and_run_goes_on():
    lp = new_loop()
    log = []

    async def bad():
        await delay_ms(5)
        raise ValueError("bad")

    async def good():
        for _ in range(3):
            await delay_ms(4)
            log.append(ms(lp))

    lp.add_task(bad())
    lp.add_task(good())
    e = raises(ValueError, lp.run)
    eq(e.args, ("bad",), "the task's own exception")
    eq(ms(lp), 5, "left run() when the task raised")
    eq(log, [4], "others before it")
    lp.run()  # the loop stays usable: the rest runs on
    eq(log, [4, 8, 12], "others after run() again")


@scenario
def handler_gets_task_and_exception_others_go_on():
    lp = new_loop()
    log = []
    seen = []
    lp.set_exception_handler(lambda t, e: seen.append((t, type(e).__name__, ms(lp))))

    async def bad(n):
        await delay_ms(n)
        raise KeyError(n)

    async def good():
        for _ in range(3):
            await delay_ms(4)
            log.append(ms(lp))

    b1 = lp.add_task(bad(3))
    b2 = lp.add_task(bad(6))
    lp.add_task(good())
    lp.run()
    eq(log, [4, 8, 12], "the other task went on")
    eq(seen, [(b1, "KeyError", 3), (b2, "KeyError", 6)], "handler calls")
    true(b1.done() and b2.done(), "failed tasks are done")
    # None restores the default: the next failure leaves run()
    lp.set_exception_handler(None)
    lp.add_task(bad(1))
    raises(KeyError, lp.run)


@scenario
def module_level_set_exception_handler():
    from asynccp import core
    from asynccp.testing import virtual_loop

    saved = core._default
    try:
        lp = virtual_loop()
        seen = []
        asynccp.set_exception_handler(lambda t, e: seen.append(type(e).__name__))

        async def bad():
            raise OSError(5)

        asynccp.add_task(bad())
        asynccp.run()
        eq(seen, ["OSError"], "default loop's handler")
        true(lp.handler is not None, "set on the default loop")
        asynccp.set_exception_handler(None)
        asynccp.add_task(bad())
        raises(OSError, asynccp.run)
    finally:
        core._default = saved


@scenario
def cancelled_error_never_leaves_run_nor_reaches_handler():
    for with_handler in (False, True):
        lp = new_loop()
        seen = []
        if with_handler:
            lp.set_exception_handler(lambda t, e: seen.append(e))

        async def victim():
            await delay(10)

        t = lp.add_task(victim())

        async def killer():
            await delay_ms(1)
            t.cancel()

        lp.add_task(killer())
        lp.run()  # returns normally
        eq(seen, [], "handler calls")
        true(isinstance(_data(t), CancelledError), "ended cancelled")
        eq(ms(lp), 1, "run() ended when the victim did")


@scenario
def base_exceptions_leave_run_even_with_a_handler():
    lp = new_loop()
    seen = []
    lp.set_exception_handler(lambda t, e: seen.append(e))

    async def stop():
        raise KeyboardInterrupt()

    lp.add_task(stop())
    raises(KeyboardInterrupt, lp.run)
    eq(seen, [], "handler calls")


@scenario
def scheduled_run_raises_through_handler_and_keeps_its_schedule():
    lp = new_loop()
    seen = []
    lp.set_exception_handler(lambda t, e: seen.append((t, e.args[0], ms(lp))))
    runs = []

    async def flaky():
        runs.append(ms(lp))
        await delay_ms(1)
        if len(runs) % 2:
            raise ValueError(len(runs))

    st = lp.schedule(10, flaky)
    lp.run_for(1)
    eq(runs, [i * 100 for i in range(10)], "run start times")
    eq(seen, [(st, i, (i - 1) * 100 + 1) for i in (1, 3, 5, 7, 9)], "handler calls")
    eq(st.runs, 10, "runs counted")

    # a plain function too
    lp = new_loop()
    seen = []
    lp.set_exception_handler(lambda t, e: seen.append(ms(lp)))

    def plain():
        raise RuntimeError()

    lp.schedule(4, plain)
    lp.run_for(1)
    eq(seen, [0, 250, 500, 750], "plain function raising")


@scenario
def scheduled_run_raises_without_handler_leaves_run():
    lp = new_loop()

    def plain():
        raise ValueError("x")

    st = lp.schedule(10, plain)
    raises(ValueError, lp.run_for, 1)
    eq(ms(lp), 0, "left at the first run")
    true(st.task.done(), "the schedule's task ended")


# ================================================================== cancellation


@scenario
def cancel_a_sleeping_task():
    lp = new_loop()
    log = []

    async def sleeper():
        try:
            await delay(10)
            log.append("woke")
        except CancelledError:
            log.append(("cancelled", ms(lp)))
            raise
        finally:
            log.append("finally")

    t = lp.add_task(sleeper())

    async def killer():
        await delay(1)
        eq(t.cancel(), True, "cancel() of a live task")

    lp.add_task(killer())
    lp.run()
    eq(log, [("cancelled", 1000), "finally"], "at its await, at once")
    eq(ms(lp), 1000, "run() did not wait for the abandoned delay")
    true(t.done(), "done")
    eq(t.cancel(), False, "cancel() of a finished task")
    true(isinstance(_data(t), CancelledError), "data unchanged")


@scenario
def cancel_a_finished_task_does_nothing():
    lp = new_loop()

    async def f():
        return 7

    t = lp.add_task(f())
    lp.run()
    eq(t.cancel(), False, "cancel() after it returned")
    eq(_data(t), 7, "result kept")
    lp.run()  # nothing pending, no error


@scenario
def cancel_before_start_never_runs():
    lp = new_loop()
    log = []

    async def f(name):
        log.append(name)

    t = lp.add_task(f("a"))
    later = lp.run_later(5, f("later"))
    t.cancel()

    async def killer():
        await delay_ms(1)
        later.cancel()

    lp.add_task(killer())
    lp.run()
    eq(log, [], "bodies run")
    eq(ms(lp), 1, "run_later's task left the timers")
    true(isinstance(_data(t), CancelledError) and isinstance(_data(later), CancelledError), "ended")


@scenario
def cancel_self_raises_at_the_next_await():
    lp = new_loop()
    log = []

    async def f():
        me = cur[0]
        me.cancel()
        log.append("goes on")  # cancel() does not yield
        try:
            await delay_ms(3)
        except CancelledError:
            log.append(("cancelled", ms(lp)))

    cur = [lp.add_task(f())]
    lp.run()
    eq(log, ["goes on", ("cancelled", 0)], "self-cancel")


@scenario
def cancel_twice_is_one_cancellation_and_it_can_be_caught():
    lp = new_loop()
    log = []

    async def f():
        try:
            await delay(1)
        except CancelledError:
            log.append(("caught", ms(lp)))
        await delay_ms(5)  # goes on: no second CancelledError pending
        log.append(("done", ms(lp)))
        return "r"

    t = lp.add_task(f())

    async def killer():
        await delay_ms(2)
        eq(t.cancel(), True, "first")
        eq(t.cancel(), True, "second (still alive)")

    lp.add_task(killer())
    lp.run()
    eq(log, [("caught", 2), ("done", 7)], "one CancelledError")
    eq(_data(t), "r", "returned normally")


def _hooks(log):
    return (
        lambda name: log.append(("acq", name)),
        lambda name: log.append(("rel", name)),
    )


@scenario
def cancel_a_resource_waiter_leaves_the_queue():
    lp = new_loop()
    log = []
    on_a, on_r = _hooks(log)
    res = asynccp.ManagedResource("bus", on_acquire=on_a, on_release=on_r)

    async def user(name, hold):
        try:
            async with res.handle(name):
                log.append((name, ms(lp)))
                await delay_ms(hold)
        except CancelledError:
            log.append((name, "cancelled", ms(lp)))
            raise

    lp.add_task(user("a", 10))
    b = lp.add_task(user("b", 10))
    lp.add_task(user("c", 10))

    async def killer():
        await delay_ms(5)
        b.cancel()

    lp.add_task(killer())
    lp.run()
    eq(
        log,
        [
            ("acq", "a"),
            ("a", 0),
            ("b", "cancelled", 5),
            ("rel", "a"),
            ("acq", "c"),
            ("c", 10),
            ("rel", "c"),
        ],
        "b left the queue; c next",
    )


@scenario
def cancel_a_resource_waiter_just_handed_the_resource_passes_it_on():
    lp = new_loop()
    log = []
    on_a, on_r = _hooks(log)
    res = asynccp.ManagedResource("bus", on_acquire=on_a, on_release=on_r)
    tasks = {}

    async def user(name):
        try:
            h = res.handle(name)
            async with h:
                log.append((name, ms(lp)))
                await delay_ms(10)
                if name == "a":
                    h.release()  # hands it to b ...
                    tasks["b"].cancel()  # ... which is cancelled before it runs
                    await delay_ms(0)
            # leaving the block releases again: refused
        except CancelledError:
            log.append((name, "cancelled"))
            raise
        except RuntimeError:
            log.append((name, "second release refused"))

    lp.add_task(user("a"))
    tasks["b"] = lp.add_task(user("b"))
    lp.add_task(user("c"))
    lp.run()
    eq(
        log,
        [
            ("acq", "a"),
            ("a", 0),
            ("rel", "a"),
            ("b", "cancelled"),
            # cancel() passed it on at once: c had it before a ran again
            ("acq", "c"),
            ("c", 10),
            ("a", "second release refused"),
            ("rel", "c"),
        ],
        "b passed it on",
    )


@scenario
def cancel_an_event_waiter_leaves_the_queue():
    lp = new_loop()
    ev = asynccp.Event()
    log = []

    async def waiter(name):
        try:
            await ev.wait()
            log.append((name, ms(lp)))
        except CancelledError:
            log.append((name, "cancelled", ms(lp)))

    lp.add_task(waiter("a"))
    b = lp.add_task(waiter("b"))
    lp.add_task(waiter("c"))

    async def driver():
        await delay_ms(2)
        b.cancel()
        await delay_ms(0)
        await delay_ms(3)
        ev.set()

    lp.add_task(driver())
    lp.run()
    eq(log, [("b", "cancelled", 2), ("a", 5), ("c", 5)], "set wakes the others, in order")


@scenario
def cancel_a_queue_getter_takes_nothing():
    lp = new_loop()
    q = asynccp.Queue(2)
    log = []

    async def getter(name):
        try:
            log.append((name, await q.get(), ms(lp)))
        except CancelledError:
            log.append((name, "cancelled", ms(lp)))

    g1 = lp.add_task(getter("g1"))
    lp.add_task(getter("g2"))

    async def driver():
        await delay_ms(1)
        g1.cancel()
        await delay_ms(1)
        q.put_nowait("x")
        q.put_nowait("y")

    lp.add_task(driver())
    lp.run()
    eq(log, [("g1", "cancelled", 1), ("g2", "x", 2)], "g2 got the first item")
    eq(q.get_nowait(), "y", "the second item stays")


@scenario
def cancel_a_queue_getter_just_handed_an_item_passes_it_on():
    lp = new_loop()
    q = asynccp.Queue(2)
    log = []

    async def getter(name):
        try:
            log.append((name, await q.get()))
        except CancelledError:
            log.append((name, "cancelled"))

    g1 = lp.add_task(getter("g1"))
    lp.add_task(getter("g2"))

    async def driver():
        await delay_ms(1)
        q.put_nowait("x")  # wakes g1 with x ...
        g1.cancel()  # ... cancelled before it runs: x goes to g2

    lp.add_task(driver())
    lp.run()
    eq(log, [("g1", "cancelled"), ("g2", "x")], "x passed on")
    eq(q.qsize(), 0, "nothing left")


@scenario
def cancel_a_queue_putter_adds_nothing():
    lp = new_loop()
    q = asynccp.Queue(1)
    q.put_nowait("a")
    log = []

    async def putter(x):
        try:
            await q.put(x)
            log.append(("put", x, ms(lp)))
        except CancelledError:
            log.append(("cancelled", x, ms(lp)))

    p1 = lp.add_task(putter("b"))
    lp.add_task(putter("c"))

    async def driver():
        await delay_ms(1)
        p1.cancel()
        await delay_ms(1)
        log.append(("got", q.get_nowait()))
        await delay_ms(1)
        log.append(("got", q.get_nowait()))

    lp.add_task(driver())
    lp.run()
    eq(
        log,
        [("cancelled", "b", 1), ("got", "a"), ("put", "c", 2), ("got", "c")],
        "b never added",
    )


@scenario
def cancelled_waiters_hold_nothing_in_the_meantime():
    """A cancelled waiter leaves its queue at cancel() (the docs): an item or a
    lock released before it next runs must not be handed to it meanwhile."""
    lp = new_loop()
    q = asynccp.Queue(1)
    lock = asynccp.Lock()
    out = []

    async def getter():
        await q.get()

    async def locker():
        async with lock:
            pass

    g = lp.add_task(getter())

    async def main():
        await lock.acquire()
        lk = lp.add_task(locker())
        await delay_ms(1)  # both wait now
        g.cancel()
        lk.cancel()
        q.put_nowait("x")
        try:
            out.append(q.get_nowait())
        except asynccp.QueueEmpty:
            out.append("QueueEmpty")
        lock.release()
        out.append(("locked", lock.locked()))

    lp.add_task(main())
    lp.run()
    eq(out, ["x", ("locked", False)], "nothing kept for the cancelled")


@scenario
def cancel_lock_and_semaphore_waiters():
    lp = new_loop()
    lock = asynccp.Lock()
    sem = asynccp.Semaphore(1)
    log = []

    async def user(prim, name, hold):
        try:
            async with prim:
                log.append((name, ms(lp)))
                await delay_ms(hold)
        except CancelledError:
            log.append((name, "cancelled", ms(lp)))

    for prim, p in ((lock, "L"), (sem, "S")):
        lp.add_task(user(prim, p + "a", 10))
        victim = lp.add_task(user(prim, p + "b", 10))
        lp.add_task(user(prim, p + "c", 10))

        async def killer(v):
            await delay_ms(3)
            v.cancel()

        lp.add_task(killer(victim))
    lp.run()
    eq(
        sorted(log, key=lambda x: (x[0][0], x[-1])),
        [
            ("La", 0),
            ("Lb", "cancelled", 3),
            ("Lc", 10),
            ("Sa", 0),
            ("Sb", "cancelled", 3),
            ("Sc", 10),
        ],
        "waiters left, the next got it",
    )
    true(not lock.locked() and not sem.locked(), "both free at the end")


@scenario
def cancel_a_task_awaiting_another_task():
    lp = new_loop()
    log = []

    async def worker():
        await delay_ms(10)
        log.append(("worker done", ms(lp)))
        return 42

    w = lp.add_task(worker())

    async def waiter():
        try:
            await w
        except CancelledError:
            log.append(("waiter cancelled", ms(lp)))

    a = lp.add_task(waiter())

    async def other():
        log.append(("other got", await w, ms(lp)))

    lp.add_task(other())

    async def killer():
        await delay_ms(3)
        a.cancel()

    lp.add_task(killer())
    lp.run()
    eq(
        log,
        [("waiter cancelled", 3), ("worker done", 10), ("other got", 42, 10)],
        "the awaited task goes on",
    )


@scenario
def awaiting_a_failed_task_takes_its_exception_not_the_handler():
    lp = new_loop()
    seen = []
    lp.set_exception_handler(lambda t, e: seen.append(e))
    log = []

    async def bad():
        await delay_ms(2)
        raise ValueError("v")

    b = lp.add_task(bad())

    async def waiter():
        try:
            await b
        except ValueError as e:
            log.append(("got", e.args, ms(lp)))
        try:
            await b  # already ended: raises again, at once
        except ValueError:
            log.append("again")

    lp.add_task(waiter())
    lp.run()
    eq(log, [("got", ("v",), 2), "again"], "the waiter got it")
    eq(seen, [], "not the handler")


@scenario
def exception_of_an_awaited_task_is_not_lost_when_the_waiter_was_cancelled():
    """The waiter is cancelled (it no longer awaits) just before the awaited
    task raises in the same tick: the exception must still reach the handler
    (or leave run()), not vanish."""
    for with_handler in (True, False):
        lp = new_loop()
        seen = []
        if with_handler:
            lp.set_exception_handler(lambda t, e: seen.append(type(e).__name__))

        async def target():
            await delay_ms(5)
            w.cancel()  # the waiter stops waiting (it has not run yet) ...
            raise ValueError("lost?")  # ... so nobody awaits this

        t = lp.add_task(target())

        async def waiter():
            await t

        w = lp.add_task(waiter())
        if with_handler:
            lp.run()
            eq(seen, ["ValueError"], "handler calls")
        else:
            raises(ValueError, lp.run)


@scenario
def scheduled_stop_lets_the_run_finish():
    lp = new_loop()
    log = []

    async def run_():
        log.append(("start", ms(lp)))
        try:
            await delay_ms(30)
        finally:
            log.append(("end", ms(lp)))

    st = lp.schedule(10, run_)

    async def ctl():
        await delay_ms(115)  # inside the run that started at 100
        st.stop()

    lp.add_task(ctl())
    lp.run()  # returns: nothing left once the run ends
    eq(log, [("start", 0), ("end", 30), ("start", 100), ("end", 130)], "not interrupted")
    eq(st.runs, 2, "no run after stop()")
    eq(ms(lp), 130, "run() returned when the last run ended")


@scenario
def scheduled_cancel_interrupts_the_run():
    lp = new_loop()
    log = []

    async def run_():
        log.append(("start", ms(lp)))
        try:
            await delay_ms(30)
            log.append("slept")
        except CancelledError:
            log.append(("cancelled", ms(lp)))
            raise
        finally:
            log.append(("finally", ms(lp)))

    st = lp.schedule(2, run_)  # every 500 ms

    async def ctl():
        await delay_ms(510)
        st.cancel()

    lp.add_task(ctl())
    lp.run()
    eq(
        log,
        [
            ("start", 0),
            "slept",
            ("finally", 30),
            ("start", 500),
            ("cancelled", 510),
            ("finally", 510),
        ],
        "cancel() interrupts",
    )
    eq(ms(lp), 510, "no more runs")
    st.start()  # restart works after cancel
    lp.run_for(0.6)
    eq(st.runs, 4, "restarted: runs at 510 and 1010")


@scenario
def scheduled_stop_while_sleeping_then_start_never_doubles():
    lp = new_loop()
    runs = []

    def f():
        runs.append(ms(lp))

    st = lp.schedule(10, f)

    async def ctl():
        await delay_ms(250)
        st.stop()
        st.start()  # at once: one driver, first run now
        st.start()  # again: nothing
        await delay_ms(20)
        st.stop()

    lp.add_task(ctl())
    lp.run_for(1)
    eq(runs, [0, 100, 200, 250], "no doubled runs")


# ===================================================================== timeouts


@scenario
def wait_for_gives_the_result_in_time():
    lp = new_loop()
    log = []

    async def work():
        await delay_ms(30)
        return "r"

    async def main():
        log.append((await asynccp.wait_for(work(), 0.05), ms(lp)))

    lp.add_task(main())
    lp.run()
    eq(log, [("r", 30)], "result")
    eq(ms(lp), 30, "no timer left behind: run() ended at 30")


@scenario
def wait_for_times_out_exactly_and_cancels_the_awaitable():
    lp = new_loop(WRAP - 20)
    log = []

    async def work():
        try:
            await delay(10)
        finally:
            log.append(("work finally", ms(lp)))

    async def main():
        try:
            await asynccp.wait_for(work(), 0.05)
        except asynccp.TimeoutError:
            log.append(("timeout", ms(lp)))

    lp.add_task(main())
    lp.run()
    eq(log, [("work finally", 50), ("timeout", 50)], "cancelled at 50 ms, across the wrap")
    eq(ms(lp), 50, "no 10 s delay left behind")


@scenario
def wait_for_a_task_cancels_it_on_timeout():
    lp = new_loop()
    log = []

    async def work():
        await delay(1)

    async def main():
        t = lp.add_task(work())
        try:
            await asynccp.wait_for(t, 0.2)
        except asynccp.TimeoutError:
            log.append(("timeout", ms(lp), t.done(), isinstance(_data(t), CancelledError)))

    lp.add_task(main())
    lp.run()
    eq(log, [("timeout", 200, True, True)], "task cancelled too")


@scenario
def wait_for_passes_the_awaitables_exception():
    lp = new_loop()
    seen = []
    lp.set_exception_handler(lambda t, e: seen.append(e))
    log = []

    async def work():
        await delay_ms(5)
        raise KeyError("k")

    async def main():
        try:
            await asynccp.wait_for(work(), 1)
        except KeyError:
            log.append(("KeyError", ms(lp)))

    lp.add_task(main())
    lp.run()
    eq(log, [("KeyError", 5)], "raised at the caller")
    eq(seen, [], "not via the handler")


@scenario
def wait_for_caller_cancelled_cancels_the_awaitable():
    lp = new_loop()
    log = []

    async def work():
        try:
            await delay(1)
        finally:
            log.append(("work finally", ms(lp)))

    async def main():
        try:
            await asynccp.wait_for(work(), 0.5)
        except CancelledError:
            log.append(("caller cancelled", ms(lp)))
        except asynccp.TimeoutError:
            log.append(("caller timeout", ms(lp)))

    m = lp.add_task(main())

    async def killer():
        await delay_ms(100)
        m.cancel()

    lp.add_task(killer())
    lp.run()
    eq(log, [("caller cancelled", 100), ("work finally", 100)], "both cancelled")
    eq(ms(lp), 100, "timer gone too")


@scenario
def wait_for_caller_cancelled_in_the_tick_it_times_out_stays_cancelled():
    """The caller's own cancellation must not turn into TimeoutError (which it
    could catch and go on) because its timer also ran out in that tick."""
    lp = new_loop()
    ev = asynccp.Event()
    log = []

    async def main():
        try:
            await asynccp.wait_for(ev.wait(), 0.005)
            log.append("in time")
        except asynccp.TimeoutError:
            log.append("TimeoutError")
        except CancelledError:
            log.append("CancelledError")

    m = lp.add_task(main())

    async def killer():
        await delay_ms(5)
        await delay_ms(0)  # after the timer task in this tick
        log.append(("cancel", m.cancel()))

    lp.add_task(killer())
    lp.run()
    eq(log, [("cancel", True), "CancelledError"], "the caller's cancellation")


@scenario
def wait_for_on_primitives_in_time_and_timed_out():
    lp = new_loop()
    ev = asynccp.Event()
    q = asynccp.Queue(1)
    lock = asynccp.Lock()
    res = asynccp.ManagedResource("R")
    log = []

    async def try_(name, aw, s):
        try:
            log.append((name, await asynccp.wait_for(aw, s), ms(lp)))
        except asynccp.TimeoutError:
            log.append((name, "timeout", ms(lp)))

    async def main():
        await try_("event", ev.wait(), 0.01)
        await try_("get", q.get(), 0.01)
        # the timed-out getter left the queue: nothing is kept for it
        q.put_nowait("z")
        eq(q.get_nowait(), "z", "after a timed-out get")
        lp.add_task(_later(5, ev.set))
        await try_("event", ev.wait(), 0.01)
        lp.add_task(_later(5, lambda: q.put_nowait("x")))
        await try_("get", q.get(), 0.01)
        await lock.acquire()
        await try_("lock", lock.acquire(), 0.01)
        lp.add_task(_later(5, lock.release))
        await try_("lock", lock.acquire(), 0.01)  # handed over: we hold it again
        true(lock.locked(), "held")
        lock.release()
        h = res.handle()
        await try_("resource", h, 0.01)
        h.release()

    lp.add_task(main())
    lp.run()
    eq(
        log,
        [
            ("event", "timeout", 10),
            ("get", "timeout", 20),
            ("event", True, 25),
            ("get", "x", 30),
            ("lock", "timeout", 40),
            ("lock", True, 45),
            ("resource", "R", 45),
        ],
        "wait_for on primitives",
    )


async def _later(n, fn):
    await delay_ms(n)
    fn()


@scenario
def wait_for_a_delay_object():
    """wait_for(delay(5), 1) must time out after 1 s even if another task
    awaits a delay in between (delay() returns one shared object)."""
    lp = new_loop()
    log = []

    async def a():
        try:
            await asynccp.wait_for(delay(5), 1)
            log.append(("no timeout", ms(lp)))
        except asynccp.TimeoutError:
            log.append(("timeout", ms(lp)))

    async def b():
        await delay(0.002)

    lp.add_task(a())
    lp.add_task(b())
    lp.run()
    eq(log, [("timeout", 1000)], "wait_for(delay(5), 1)")


@scenario
def wait_for_from_a_generator():
    lp = new_loop()
    log = []

    def work():
        yield from delay_ms(5)
        return "g"

    def main():
        log.append((yield from asynccp.wait_for(work(), 1)))
        try:
            yield from asynccp.wait_for(work(), 0.001)
        except asynccp.TimeoutError:
            log.append(("timeout", ms(lp)))

    lp.add_task(main())
    lp.run()
    eq(log, ["g", ("timeout", 6)], "generator form")


# =================================================================== primitives


@scenario
def event_set_clear_wait():
    lp = new_loop()
    ev = asynccp.Event()
    log = []

    async def waiter(name):
        r = await ev.wait()
        log.append((name, r, ms(lp)))

    async def main():
        eq(ev.is_set(), False, "starts clear")
        lp.add_task(waiter("a"))
        lp.add_task(waiter("b"))
        await delay_ms(4)
        ev.set()
        ev.clear()  # set then clear before they run: they still wake
        eq(ev.is_set(), False, "cleared")
        await delay_ms(1)
        ev.set()
        it = iter(ev.wait())  # set: returns at once, no yield
        try:
            next(it)
            raise Fail("wait() on a set event yielded")
        except StopIteration as e:
            eq(e.value, True, "its value")
        lp.add_task(waiter("c"))

    lp.add_task(main())
    lp.run()
    eq(log, [("a", True, 4), ("b", True, 4), ("c", True, 5)], "wake-ups")


@scenario
def lock_is_fifo_and_exclusive():
    lp = new_loop()
    lock = asynccp.Lock()
    log = []
    inside = [0]

    async def user(name, arrive, hold):
        await delay_ms(arrive)
        async with lock:
            inside[0] += 1
            true(inside[0] == 1, "exclusive")
            log.append((name, ms(lp)))
            await delay_ms(hold)
            inside[0] -= 1

    for i, name in enumerate("abcde"):
        lp.add_task(user(name, i, 10))
    lp.run()
    eq(log, [("a", 0), ("b", 10), ("c", 20), ("d", 30), ("e", 40)], "first come first served")
    raises(RuntimeError, lock.release)
    eq(lock.locked(), False, "free")


@scenario
def semaphore_n_holders_fifo():
    lp = new_loop()
    sem = asynccp.Semaphore(2)
    log = []
    inside = [0, 0]

    async def user(name, arrive, hold):
        await delay_ms(arrive)
        async with sem:
            inside[0] += 1
            inside[1] = max(inside[1], inside[0])
            log.append((name, ms(lp)))
            await delay_ms(hold)
            inside[0] -= 1

    for i, (name, hold) in enumerate((("a", 10), ("b", 20), ("c", 5), ("d", 5), ("e", 5))):
        lp.add_task(user(name, i, hold))
    lp.run()
    eq(log, [("a", 0), ("b", 1), ("c", 10), ("d", 15), ("e", 20)], "grants")
    eq(inside[1], 2, "at most 2 holders")
    raises(ValueError, asynccp.Semaphore, -1)


@scenario
def queue_fifo_both_ways():
    lp = new_loop()
    q = asynccp.Queue(2)
    got = []

    async def producer():
        for i in range(20):
            await q.put(i)
            if i % 3 == 0:
                await delay_ms(1)

    async def consumer():
        for _ in range(20):
            got.append(await q.get())
            if len(got) % 4 == 0:
                await delay_ms(2)

    lp.add_task(consumer())
    lp.add_task(producer())
    lp.run()
    eq(got, list(range(20)), "items in order, each once")
    eq((q.qsize(), q.empty(), q.full()), (0, True, False), "empty at the end")
    q.put_nowait(1)
    q.put_nowait(2)
    eq(q.full(), True, "full")
    raises(asynccp.QueueFull, q.put_nowait, 3)
    eq((q.get_nowait(), q.get_nowait()), (1, 2), "nowait order")
    raises(asynccp.QueueEmpty, q.get_nowait)


@scenario
def queue_getters_first_come_first_served():
    """g1 waits first; two items arrive; a getter that comes later (here the
    producer itself) must not take the first item, which is g1's."""
    lp = new_loop()
    q = asynccp.Queue(4)
    got = []

    async def g1():
        got.append(("g1", await q.get()))

    async def producer():
        await delay_ms(1)
        q.put_nowait("X")
        q.put_nowait("Y")
        got.append(("g2", await q.get()))

    lp.add_task(g1())
    lp.add_task(producer())
    lp.run()
    eq(sorted(got), [("g1", "X"), ("g2", "Y")], "who got what")


@scenario
def queue_putters_first_come_first_served():
    """p1 waits first to put X; once room is made, a later put (Y) must not
    overtake it."""
    lp = new_loop()
    q = asynccp.Queue(2)
    q.put_nowait("A")
    q.put_nowait("B")
    out = []

    async def p1():
        await q.put("X")

    async def other():
        await delay_ms(1)
        q.get_nowait()
        q.get_nowait()
        try:
            q.put_nowait("Y")
        except asynccp.QueueFull:
            await q.put("Y")
        await delay_ms(1)
        out.append(q.get_nowait())
        out.append(q.get_nowait())

    lp.add_task(p1())
    lp.add_task(other())
    lp.run()
    eq(out, ["X", "Y"], "items in the order their putters came")


@scenario
def queue_rejects_bad_sizes():
    raises(ValueError, asynccp.Queue, 0)
    raises(TypeError, asynccp.Queue, 1.5)


@scenario
def queue_nowait_allocates_nothing():
    needs_mem()
    q = asynccp.Queue(8)
    x = 12345
    for _ in range(16):  # warm up
        q.put_nowait(x)
        q.get_nowait()
    gc.collect()
    gc.disable()
    try:
        a = gc.mem_alloc()
        for _ in range(2000):
            q.put_nowait(x)
            q.put_nowait(x)
            q.get_nowait()
            q.get_nowait()
        b = gc.mem_alloc()
    finally:
        gc.enable()
    eq(b - a, 0, "bytes allocated by 4000 put_nowait/get_nowait")


@scenario
def queue_awaits_allocate_nothing_per_item():
    needs_mem()
    lp = new_loop()
    q = asynccp.Queue(4)
    marks = []

    async def producer(n):
        for i in range(n):
            await q.put(i)  # room: no wait

    async def consumer(n):
        for i in range(n):
            await q.get()  # one small generator per call, freed again
            if i % 500 == 0:
                gc.collect()
                marks.append(gc.mem_alloc())

    lp.add_task(producer(3000))
    lp.add_task(consumer(3000))
    lp.run()
    eq(marks[-1] - marks[1] <= 256, True, "heap after 3000 items (%r)" % marks)


@scenario
def primitives_from_generator_tasks():
    lp = new_loop()
    ev = asynccp.Event()
    lock = asynccp.Lock()
    sem = asynccp.Semaphore(1)
    q = asynccp.Queue(1)
    res = asynccp.ManagedResource("R")
    log = []

    def child():
        yield from delay_ms(2)
        return "child"

    def g():
        yield from lock.acquire()
        try:
            yield from sem.acquire()
            sem.release()
        finally:
            lock.release()
        h = res.handle()
        r = yield from h
        h.release()
        yield from q.put(1)
        x = yield from q.get()
        t = lp.add_task(child())
        c = yield from t
        yield from ev.wait()
        log.append((r, x, c, ms(lp)))

    lp.add_task(g())
    lp.add_task(_later(7, ev.set))
    lp.run()
    eq(log, [("R", 1, "child", 7)], "generator form")


# ============================================================== ManagedResource


@scenario
def resource_exception_in_block_releases_and_hands_on():
    lp = new_loop()
    log = []
    on_a, on_r = _hooks(log)
    res = asynccp.ManagedResource("bus", on_acquire=on_a, on_release=on_r)
    lp.set_exception_handler(lambda t, e: log.append(("handler", type(e).__name__)))

    async def user(name, boom):
        async with res.handle(name) as bus:
            log.append((name, bus, ms(lp)))
            await delay_ms(3)
            if boom:
                raise ValueError(name)

    lp.add_task(user("a", True))
    lp.add_task(user("b", False))
    lp.run()
    eq(
        log,
        [
            ("acq", "a"),
            ("a", "bus", 0),
            ("rel", "a"),
            ("handler", "ValueError"),
            ("acq", "b"),
            ("b", "bus", 3),
            ("rel", "b"),
        ],
        "on_release despite the exception; b next",
    )


@scenario
def resource_reacquire_is_an_error_at_once():
    lp = new_loop()
    res = asynccp.ManagedResource("bus")
    log = []
    steps = [0]

    async def other():
        for _ in range(5):
            steps[0] += 1
            await delay_ms(0)

    async def user():
        h1 = res.handle()
        h2 = res.handle()
        async with h1:
            s = steps[0]
            try:
                async with h2:
                    log.append("re-entered")
            except RuntimeError:
                log.append(("RuntimeError", steps[0] == s))
            try:
                async with h1:
                    log.append("re-entered")
            except RuntimeError:
                log.append(("RuntimeError", steps[0] == s))
        async with res.handle():  # free again: no wait
            log.append(("free", steps[0] == s))

    lp.add_task(other())
    lp.add_task(user())
    lp.run()
    eq(log, [("RuntimeError", True), ("RuntimeError", True), ("free", True)], "no deadlock")


@scenario
def resource_on_acquire_raising_passes_it_on():
    lp = new_loop()
    log = []

    def on_acquire(name):
        if name == "a":
            raise OSError("no device")
        log.append(("acq", name))

    res = asynccp.ManagedResource("bus", on_acquire=on_acquire)

    async def user(name):
        try:
            async with res.handle(name):
                log.append((name, ms(lp)))
                await delay_ms(2)
        except OSError:
            log.append((name, "OSError"))

    lp.add_task(user("a"))
    lp.add_task(user("b"))
    lp.run()
    eq(log, [("a", "OSError"), ("acq", "b"), ("b", 0)], "b got it")


@scenario
def resource_waiters_fifo_and_pairs():
    lp = new_loop()
    log = []
    on_a, on_r = _hooks(log)
    res = asynccp.ManagedResource("bus", on_acquire=on_a, on_release=on_r)

    async def user(name, arrive):
        await delay_ms(arrive)
        for _ in range(2):
            async with res.handle(name):
                await delay_ms(3)

    for i, name in enumerate("abc"):
        lp.add_task(user(name, i))
    lp.run()
    eq(
        [x[1] for x in log if x[0] == "acq"],
        ["a", "b", "c", "a", "b", "c"],
        "each asks again behind the others",
    )
    eq(log[0::2], [("acq", x) for x in "abcabc"], "pairs")
    eq(log[1::2], [("rel", x) for x in "abcabc"], "pairs")
    eq(ms(lp), 18, "six holds of 3 ms back to back")


# ===================================================================== deadlocks


def _stuck(lp, *names):
    e = raises(RuntimeError, lp.run)
    msg = str(e)
    for n in names:
        true(n in msg, "%s not named in %r" % (n, msg))
    return msg


@scenario
def deadlock_on_an_event_is_reported():
    lp = new_loop()
    ev = asynccp.Event()

    async def stuck_waiter():
        await ev.wait()

    async def fine():
        await delay_ms(3)

    lp.add_task(stuck_waiter())
    lp.add_task(fine())
    msg = _stuck(lp, "stuck_waiter")
    true("fine" not in msg, "a finished task named")
    eq(ms(lp), 3, "raised once nothing else could run")


@scenario
def deadlock_on_queue_resource_lock_join_is_reported():
    lp = new_loop()
    q = asynccp.Queue(1)
    res = asynccp.ManagedResource("R")
    lock = asynccp.Lock()

    async def stuck_getter():
        await q.get()

    async def holder_quits():
        await res.handle()  # acquires and never releases

    async def stuck_on_resource():
        await delay_ms(1)
        async with res.handle():
            pass

    async def stuck_on_lock():
        await lock.acquire()
        await lock.acquire()  # not re-entrant: waits for itself

    async def stuck_joiner(t):
        await t

    lp.add_task(stuck_getter())
    lp.add_task(holder_quits())
    lp.add_task(stuck_on_resource())
    lp.add_task(stuck_on_lock())
    g = lp.add_task(stuck_getter())
    lp.add_task(stuck_joiner(g))
    _stuck(lp, "stuck_getter", "stuck_on_resource", "stuck_on_lock", "stuck_joiner")
    # run_for never raises it: something may come from outside in time
    lp2 = new_loop()
    lp2.add_task(stuck_getter())
    lp2.run_for(1)
    eq(ms(lp2), 1000, "run_for just waits")


@scenario
def no_deadlock_report_while_a_delay_is_pending():
    lp = new_loop()
    ev = asynccp.Event()
    log = []

    async def waiter():
        await ev.wait()
        log.append(ms(lp))

    lp.add_task(waiter())
    lp.add_task(_later(1000, ev.set))
    lp.run()
    eq(log, [1000], "woken by the late set")


# ===================================================================== catch-up


def _catch_up_starts(policy, slow):
    lp = new_loop()
    starts = []

    async def f():
        starts.append(ms(lp))
        if len(starts) == 2:
            await delay_ms(slow)  # the run that started at 10 takes `slow` ms

    kw = {} if policy is None else {"catch_up": policy}
    lp.schedule(100, f, **kw)
    lp.run_for(0.1)
    return starts


@scenario
def catch_up_policies_exact_starts():
    from asynccp import scheduler

    # period 10 ms; run 2 starts at 10 and ends at 10 + slow
    eq(_catch_up_starts(None, 15), [0, 10, 25, 30, 40, 50, 60, 70, 80, 90], "default, late 5")
    eq(
        _catch_up_starts(scheduler.REBASE, 35),
        [0, 10, 45, 55, 65, 75, 85, 95],
        "REBASE, over two periods behind: grid restarts at 45",
    )
    eq(
        _catch_up_starts(scheduler.BURST, 35),
        [0, 10, 45, 45, 45, 50, 60, 70, 80, 90],
        "BURST: runs due at 20, 30, 40 back to back",
    )
    eq(
        _catch_up_starts(scheduler.SKIP, 35),
        [0, 10, 50, 60, 70, 80, 90],
        "SKIP: 20, 30, 40 dropped",
    )
    eq(_catch_up_starts(None, 35), _catch_up_starts(scheduler.REBASE, 35), "REBASE is default")


@scenario
def a_schedule_that_cannot_keep_up_does_not_starve_other_tasks():
    """A plain scheduled function whose call takes longer than its period (a
    slow bus read: the clock moves while it runs) must still let other tasks
    run; with REBASE or BURST it ran back to back forever."""
    from asynccp import scheduler

    for policy in (scheduler.REBASE, scheduler.BURST, scheduler.SKIP):
        lp = new_loop()
        other = []
        runs = [0]

        def slow():
            runs[0] += 1
            lp.clock.advance(15)  # period 10 ms
            if runs[0] >= 200:
                raise KeyboardInterrupt  # guard: end the test

        async def other_task():
            while True:
                other.append(ms(lp))
                await delay_ms(1)

        lp.add_task(other_task())
        lp.schedule(100, slow, catch_up=policy)
        try:
            lp.run_for(2)
        except KeyboardInterrupt:
            pass
        why = "%s: other task ran %d times in %d runs" % (policy, len(other), runs[0])
        true(len(other) >= 50, why)


# ==================================================================== suspend


@scenario
def resume_does_not_wake_a_task_waiting_on_something_else():
    lp = new_loop()
    ev = asynccp.Event()
    out = []
    box = {}

    async def s():
        aw, box["resume"] = lp.suspend()
        await ev.wait()  # not the suspend
        out.append(("event wait returned, set:", ev.is_set()))

    async def r():
        await delay_ms(1)
        box["resume"]()
        await delay_ms(1)
        ev.set()

    lp.add_task(s())
    lp.add_task(r())
    lp.run()
    eq(out, [("event wait returned, set:", True)], "woken by the event only")


# ===================================================== soak and leak loops


def _lcg(x):
    return (x * 1103515245 + 12345) & 0x3FFFFFFF


def soak(hours, start=WRAP - 1000, every_ms=5000):
    """Schedules at 7 Hz and 80 Hz (plain functions checking their own start
    time against k * period, exactly) plus a chaos task, for ``hours``
    simulated hours from ``start`` (default: one second before the 2**29 ms
    tick wrap). Every ``every_ms`` the chaos task starts 8 workers that sleep
    pseudo-random times and cancels 4 of them mid-sleep, then awaits
    wait_for() with a 10 ms limit on an event, a queue get, a sleep and a
    resource, each ready in time (0..9 ms) or not (never, or 11..20 ms).
    Returns a dict of counts; ``wrong`` counts outcomes or times that
    differ from what the round planned."""
    lp = new_loop(start)
    clock = lp.clock
    n7 = [0]
    n80 = [0]
    late = [0]

    def f7():
        # due k * 1000/7 ms after the start, exactly (integer ticks)
        if clock.elapsed_ms != (n7[0] * 1000) // 7:
            late[0] += 1
        n7[0] += 1

    def f80():
        if clock.elapsed_ms != (n80[0] * 25) // 2:
            late[0] += 1
        n80[0] += 1

    lp.schedule(7, f7)
    lp.schedule(80, f80)
    st = {"rounds": 0, "cancelled": 0, "finished": 0, "timeouts": 0, "in_time": 0, "wrong": 0}
    ev = asynccp.Event()
    q = asynccp.Queue(2)
    res = asynccp.ManagedResource("R")

    async def worker(sleep_ms, box):
        try:
            await delay_ms(sleep_ms)
            box[0] += 1
        except CancelledError:
            box[1] += 1
            raise

    async def chaos():
        seed = 1
        while True:
            t0 = clock.elapsed_ms
            box = [0, 0]
            ws = []
            for i in range(8):
                seed = _lcg(seed)
                ws.append(lp.add_task(worker(1 + seed % 500, box)))
            await delay_ms(0)  # they start (and sleep)
            for i in range(0, 8, 2):
                ws[i].cancel()
            for w in ws:
                try:
                    await w
                except CancelledError:
                    pass
            if box != [4, 4]:
                st["wrong"] += 1
            st["cancelled"] += box[1]
            st["finished"] += box[0]
            for i in range(4):
                seed = _lcg(seed)
                gap = seed % 20
                in_time = gap < 10
                if i == 0:
                    ev.clear()
                    aw = ev.wait()
                    if in_time:
                        lp.add_task(_later(gap, ev.set))
                elif i == 1:
                    aw = q.get()
                    if in_time:
                        lp.add_task(_later(gap, lambda: q.put_nowait(1)))
                elif i == 2:
                    aw = worker(gap if in_time else gap + 1, [0, 0])
                else:
                    aw = res.handle()
                    if in_time:
                        gap = 0
                    else:
                        holder = res.handle()
                        await holder
                        lp.add_task(_later(11, holder.release))
                s0 = clock.elapsed_ms
                try:
                    await asynccp.wait_for(aw, 0.01)
                    if i == 3:
                        aw.release()
                    ok = in_time and clock.elapsed_ms - s0 == gap
                    st["in_time"] += 1
                except asynccp.TimeoutError:
                    ok = not in_time and clock.elapsed_ms - s0 == 10
                    st["timeouts"] += 1
                if not ok:
                    st["wrong"] += 1
                await delay_ms(12)  # late setters and holders are done
            s0 = clock.elapsed_ms
            h = res.handle()
            await h  # free: at once
            h.release()
            if q.qsize() or clock.elapsed_ms != s0:
                st["wrong"] += 1
            st["rounds"] += 1
            await delay_ms(every_ms - (clock.elapsed_ms - t0))

    lp.add_task(chaos())
    lp.run_for(hours * 3600)
    st["runs7"] = n7[0]
    st["runs80"] = n80[0]
    st["late"] = late[0]
    st["elapsed_ms"] = clock.elapsed_ms
    st["wrapped"] = clock.ticks_ms() < start
    return st


def _heap():
    gc.collect()
    return gc.mem_alloc() if HAS_MEM else 0


def leak_tasks(n, every=10000):
    """Create and finish ``n`` tasks (in batches of 100: a third cancelled while
    sleeping, a third failing into the handler, a third returning, each
    awaited or not); the heap after gc.collect() at every ``every`` tasks."""
    lp = new_loop()
    errors = [0]

    def handler(t, e):
        errors[0] += 1

    lp.set_exception_handler(handler)
    marks = []
    done = [0]

    async def child(i):
        await delay_ms(1 + i % 3)
        if i % 3 == 1:
            raise ValueError()
        return i

    async def main():
        made = 0
        while made < n:
            batch = []
            for i in range(100):
                batch.append(lp.add_task(child(i)))
            if made % 200:
                await delay_ms(0)  # every other batch: cancelled mid-sleep, else before start
            for i in range(0, 100, 3):
                batch[i].cancel()
            for i, t in enumerate(batch):
                if i % 3 == 2:
                    r = await t
                    if r != i:
                        raise Fail("result %r" % r)
            await delay_ms(5)
            for t in batch:
                if t.done():
                    done[0] += 1
            made += 100
            if made % every == 0:
                marks.append(_heap())

    lp.add_task(main())
    lp.run()
    return {"tasks": done[0], "handled": errors[0], "marks": marks}


def leak_timeouts(n, every=10000):
    """``n`` wait_for() calls that time out (on an event, a queue get, a
    sleep), with one in ten in time; the heap after gc.collect() at every
    ``every`` calls."""
    lp = new_loop()
    ev = asynccp.Event()
    q = asynccp.Queue(1)
    marks = []
    counts = [0, 0]

    async def nap():
        await delay_ms(5)

    async def main():
        for i in range(n):
            k = i % 3
            aw = ev.wait() if k == 0 else q.get() if k == 1 else nap()
            if i % 10 == 9:
                if k == 0:
                    ev.set()
                elif k == 1:
                    q.put_nowait(i)
            try:
                await asynccp.wait_for(aw, 0.002)
                counts[1] += 1
            except asynccp.TimeoutError:
                counts[0] += 1
            ev.clear()
            if (i + 1) % every == 0:
                marks.append(_heap())

    lp.add_task(main())
    lp.run()
    return {"timeouts": counts[0], "in_time": counts[1], "marks": marks}


# ========================================================================== run


def run_scenarios():
    return _run(SCENARIOS)


def main(argv):
    if len(argv) < 2:
        sys.exit(1 if run_scenarios() else 0)
    mode = argv[1]
    if mode == "soak":
        out = soak(float(argv[2]))
    elif mode == "leak_tasks":
        out = leak_tasks(int(argv[2]))
    elif mode == "leak_timeouts":
        out = leak_timeouts(int(argv[2]))
    else:
        raise SystemExit("unknown mode " + mode)
    for k in sorted(out):
        print(k, out[k])


if __name__ == "__main__":
    main(sys.argv)

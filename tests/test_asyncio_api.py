# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp.asyncio beyond what MicroPython's asyncio can be compared with:
asynccp's own calls inside ``asyncio.run`` and asyncio's in asynccp's tasks
("one program, both worlds"), the virtual clock, generator tasks on CPython,
what it loads, and where it differs from MicroPython's asyncio on purpose.

The comparison with MicroPython's and CPython's asyncio themselves is in
test_asyncio_differential.py and test_asyncio_hypothesis.py.
"""

import pytest
from mpy_runner import MPY_LIB_DIRS, run_micropython_code

import asynccp
import asynccp.asyncio as asyncio
from asynccp import core


@pytest.fixture
def loop(vloop):
    """The default loop on a virtual clock; the asyncio exception handler reset."""
    yield vloop
    asyncio.get_event_loop().set_exception_handler(None)


def now(loop):
    return loop.clock.elapsed_ms


# ---------------------------------------------------------------- both worlds


def test_asynccp_schedule_resource_duration_delay_inside_asyncio_run(loop):
    from asynccp import Duration, ManagedResource

    runs = []
    bus_log = []
    bus = ManagedResource("bus", on_acquire=lambda: bus_log.append(("lock", now(loop))))

    async def sample():
        runs.append(now(loop))

    async def user(name, hold):
        async with bus.handle() as b:
            assert b == "bus"
            bus_log.append((name, now(loop)))
            await asynccp.delay(hold)  # asynccp's delay in an asyncio task

    async def main():
        asynccp.schedule(10, sample)  # 10 Hz, exact
        await asyncio.gather(user("a", 0.25), user("b", 0.1))
        await asyncio.sleep(Duration.of_milliseconds(650).as_seconds())
        return "main done"

    assert asyncio.run(main()) == "main done"
    assert now(loop) == 1000
    assert runs == [100 * i for i in range(10)]  # the schedule ran in the same loop
    assert bus_log == [("lock", 0), ("a", 0), ("lock", 250), ("b", 250)]


def test_asyncio_awaits_in_tasks_made_with_asynccp(loop):
    seen = []
    ev = asyncio.Event()
    lock = asyncio.Lock()

    async def worker(name):
        me = asyncio.current_task()
        assert isinstance(me, asynccp.Task)
        await ev.wait()
        async with lock:
            await asyncio.sleep(0.1)
            seen.append((name, now(loop)))
        r = await asyncio.gather(_value(name), _value(2))
        try:
            await asyncio.wait_for(_value(3, 1), 0.2)
        except asyncio.TimeoutError:
            seen.append((name, "timeout", now(loop)))
        return r

    async def setter():
        await asyncio.sleep(0.5)
        ev.set()

    a = asynccp.add_task(worker("a"))  # asynccp's own tasks, asyncio's awaits
    b = asynccp.add_task(worker("b"))
    asynccp.add_task(setter())
    asynccp.run()
    assert seen == [("a", 600), ("b", 700), ("a", "timeout", 800), ("b", "timeout", 900)]
    assert a.coro == ["a", 2] and b.coro == ["b", 2]  # results, as asynccp keeps them


async def _value(x, t=0):
    await asyncio.sleep(t)
    return x


def test_asyncio_gather_and_wait_for_take_asynccp_tasks_and_awaitables(loop):
    async def main():
        t = asynccp.add_task(_value("core task", 0.1))
        ev = asynccp.Event()  # asynccp's own Event, awaited through asyncio
        asyncio.create_task(_set_later(ev))
        r = await asyncio.gather(t, _value("coro"))
        await asyncio.wait_for(ev.wait(), 1)
        return r, now(loop)

    assert asyncio.run(main()) == (["core task", "coro"], 300)


async def _set_later(ev):
    await asyncio.sleep(0.3)
    ev.set()


def test_asyncio_run_stops_the_loop_when_main_ends_and_schedules_go_on_next_run(loop):
    runs = []

    async def tick():
        runs.append(now(loop))

    async def main(t):
        await asyncio.sleep(t)

    asynccp.schedule(4, tick)
    asyncio.run(main(0.6))
    assert runs == [0, 250, 500]
    asyncio.run(main(0.5))
    assert runs == [0, 250, 500, 750, 1000]


# ---------------------------------------------------------------- the virtual clock


def test_an_hour_of_asyncio_under_the_virtual_clock_takes_no_time(loop):
    import time

    counts = {"fast": 0, "slow": 0}

    async def blink(name, t):
        while True:
            counts[name] += 1
            await asyncio.sleep(t)

    async def main():
        asyncio.create_task(blink("fast", 0.25))
        asyncio.create_task(blink("slow", 1))
        await asyncio.sleep(3600)

    t0 = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - t0 < 30
    assert now(loop) == 3600_000
    assert counts == {"fast": 14400, "slow": 3600}


def test_new_event_loop_keeps_the_clock_and_drops_the_old_tasks(loop):
    ran = []

    async def old():
        await asyncio.sleep(1)
        ran.append("old")

    async def main():
        await asyncio.sleep(2)
        ran.append("new")

    dropped = asyncio.create_task(old())
    asyncio.new_event_loop()
    new = core._default
    assert new is not loop and new._ticks == loop._ticks
    asyncio.run(main())
    assert ran == ["new"] and loop.clock.elapsed_ms == 2000
    dropped.coro.close()  # (never ran)


# ---------------------------------------------------------------- generator tasks


def test_generator_tasks_on_cpython(loop):
    # what a SAMD21 board runs: no async syntax at all
    def child(n):
        yield from asyncio.sleep(0.1 * n)
        return n

    def main():
        ev = asyncio.Event()
        t = asyncio.create_task(child(3))
        r = yield from asyncio.gather(child(1), child(2), t)
        asyncio.create_task(_gen_set(ev))
        yield from ev.wait()
        r.append((yield from asyncio.wait_for(child(1), 1)))
        return r, now(loop)

    assert asyncio.run(main()) == ([1, 2, 3, 1], 500)


def _gen_set(ev):
    yield from asyncio.sleep(0.1)
    ev.set()


# ---------------------------------------------------------------- on purpose


def _interrupt_at(loop, ms, handler):
    # What a board does while the loop sleeps: at ms (virtual) an interrupt
    # handler runs (on MicroPython a micropython.schedule callback runs
    # inside time.sleep_ms). Returns the ticks at which it ran.
    clock = loop.clock
    sleep = clock.sleep_ms
    ran = []

    def sleep_ms(n):
        sleep(n)
        if not ran and clock.elapsed_ms >= ms:
            ran.append(clock.elapsed_ms)
            handler()

    clock.sleep_ms = loop._sleep = sleep_ms
    return ran


def test_every_task_waiting_the_loop_waits_for_an_interrupt_handler(loop):
    """As MicroPython's asyncio (and CPython's): while every task waits on
    an Event and none sleeps, asyncio.run waits, in steps of at most 10 ms,
    and an Event set by an interrupt handler wakes its waiter at the next
    step. (asynccp's own run() reports a deadlock: test_reliability_*.)"""
    ev = asyncio.Event()
    ran = _interrupt_at(loop, 25000, ev.set)

    async def main():
        await ev.wait()
        return now(loop)

    woken = asyncio.run(main())
    assert ran == [25000] and woken == 25000
    assert loop._k == [] and loop._s == [], "the keeper left the timer list"
    assert loop._sleep == loop.clock.sleep_ms, "the loop's own sleep is back"


def test_run_forever_waits_until_stop(loop):
    async def short():
        await asyncio.sleep(1)
        return 5

    lp = asyncio.get_event_loop()
    t = lp.create_task(short())
    ran = _interrupt_at(loop, 7000, lp.stop)
    lp.run_forever()  # nothing left after 1 s: it waits, as MicroPython's does
    assert ran == [7000] and now(loop) == 7000
    assert t.done() and t.coro == 5  # once ended, coro is the result (MicroPython: the coroutine)


def test_awaiting_a_failed_task_again_raises_again(loop):
    # MicroPython's asyncio crashes here (SIGSEGV, see the hypothesis test)
    async def fail():
        raise ValueError("x")

    async def first(t):
        await asyncio.sleep(0)
        with pytest.raises(ValueError):
            await t

    async def main():
        t = asyncio.create_task(fail())
        asyncio.create_task(first(t))
        await asyncio.sleep(0.05)
        with pytest.raises(ValueError):
            await t
        return "ok"

    asyncio.get_event_loop().set_exception_handler(lambda lp, c: None)
    assert asyncio.run(main()) == "ok"


def test_bad_arguments(loop):
    with pytest.raises(TypeError, match="coroutine expected"):
        asyncio.create_task(_value)
    with pytest.raises(TypeError, match="can't convert"):
        asyncio.sleep_ms(1.5)
    with pytest.raises(OverflowError, match="ticks interval overflow"):
        asyncio.sleep_ms(2**28)
    with pytest.raises(OverflowError):
        asyncio.sleep(4 * 24 * 3600)
    with pytest.raises(RuntimeError, match="no running event loop"):
        asyncio.current_task()
    with pytest.raises(AttributeError):
        asyncio.TaskGroup  # not in asynccp.asyncio (the streams are)
    assert callable(asyncio.open_connection)


def test_timeout_error_is_asynccps_and_the_builtins():
    assert asyncio.TimeoutError is asynccp.TimeoutError
    assert issubclass(asyncio.TimeoutError, TimeoutError)  # CPython's asyncio: the builtin
    assert asyncio.CancelledError is asynccp.CancelledError


# ---------------------------------------------------------------- MicroPython


def test_import_loads_only_what_it_needs_on_micropython():
    code = (
        "import sys\n"
        "import asynccp\n"
        "print('A', sorted(k for k in sys.modules if k.startswith('asynccp')))\n"
        "import asynccp.asyncio as asyncio\n"
        "print('B', sorted(k for k in sys.modules if k.startswith('asynccp')))\n"
        "asyncio.gather\n"
        "print('C', sorted(k for k in sys.modules if k.startswith('asynccp')))\n"
    )
    rc, out = run_micropython_code(code, MPY_LIB_DIRS)
    assert rc == 0, out
    lines = dict(line.split(" ", 1) for line in out.splitlines())
    # import asynccp loads nothing of asynccp.asyncio
    assert lines["A"] == "['asynccp', 'asynccp.core', 'asynccp.delay']"
    # (asynccp.task, cancellation, loads when something is cancelled)
    assert lines["B"] == (
        "['asynccp', 'asynccp.asyncio', 'asynccp.awaitable', 'asynccp.core', 'asynccp.delay']"
    )
    assert "asynccp.asyncio.funcs" in lines["C"] and "asynccp.asyncio.lock" not in lines["C"]


def test_switches_and_sleep_ms_allocate_what_the_docs_say_on_micropython():
    code = (
        "import gc\n"
        "import asynccp.asyncio as asyncio\n"
        "from asynccp.testing import virtual_loop\n"
        "async def w(f, a, k):\n"
        "    for _ in range(k):\n"
        "        await f(a)\n"
        "def once(f, a, k):\n"
        "    virtual_loop()  # (real time could grow a list in one run and not the other)\n"
        "    async def main():\n"
        "        ts = [asyncio.create_task(w(f, a, k)) for _ in range(10)]\n"
        "        for t in ts:\n"
        "            await t\n"
        "    gc.collect(); gc.disable(); m = gc.mem_alloc()\n"
        "    asyncio.run(main())\n"
        "    d = gc.mem_alloc() - m; gc.enable(); return d\n"
        "for f, a in ((asyncio.sleep_ms, 1), (asyncio.sleep, 0)):\n"
        "    once(f, a, 20)\n"
        "    print((once(f, a, 120) - once(f, a, 20)) / 1000)\n"
    )
    rc, out = run_micropython_code(code, MPY_LIB_DIRS)
    assert rc == 0, out
    sleep_ms, switch = (float(x) for x in out.split())
    assert sleep_ms == 0  # a sleep allocates nothing
    assert switch == 0  # sleep(0) neither: asynccp.delay's object is its own iterator

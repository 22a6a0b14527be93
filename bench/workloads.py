# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# %-formatting: runs on MicroPython too
"""The benchmark workloads, run by ``bench/run.py`` on MicroPython and CPython.

Usage: ``<python> bench/workloads.py LIB WORKLOAD [ARG ...]``

LIB is ``asynccp``, ``aio`` (asynccp.asyncio: asyncio's API on asynccp's
loop), ``asyncio`` (whatever ``import asyncio`` finds: MicroPython's frozen one
with its C task queue, or CPython's) or ``adafruit`` (Adafruit's asyncio,
which run.py puts ahead of the frozen one on the path; its C task queue is
blocked so it runs its pure-Python one). One process runs one workload once
and prints one line: ``BENCH {json}``.

Each workload runs the same coroutine functions for every library; only the
awaited call differs (``asynccp.delay`` / ``asyncio.sleep`` and their ``_ms``
forms), passed in as an argument so the lookup costs the same. Runs on
MicroPython, so: no f-strings, no dataclasses, nothing CPython-only.
"""

import gc
import sys
import time

try:
    import json
except ImportError:  # pragma: no cover
    import ujson as json

MP = sys.implementation.name == "micropython"

if MP:
    _ticks_us = time.ticks_us
    _tdiff = time.ticks_diff

    def now_us():
        return _ticks_us()

    def since_us(a, b):
        # microseconds from a to b
        return _tdiff(b, a)

    def zeros(n):
        # n ints, preallocated, writable without allocating
        from array import array

        return array("i", bytes(4 * n))

else:
    _pc = time.perf_counter_ns

    def now_us():
        return _pc() // 1000

    def since_us(a, b):
        return b - a

    def zeros(n):
        return [0] * n


# ---------------------------------------------------------------- libraries


class Lib:
    """What a workload needs from a library, as the library spells it."""

    def __init__(self, name):
        self.name = name
        self.info = {}
        if name == "asynccp":
            import asynccp

            self.mod = asynccp
            self.spawn = asynccp.add_task
            self.sleep = asynccp.delay
            self.sleep_ms = asynccp.delay_ms
            self.info["version"] = asynccp.__version__
            self.info["file"] = getattr(asynccp, "__file__", "?")
            return
        if name == "aio":
            import asynccp
            import asynccp.asyncio as aio

            self.mod = aio
            self.spawn = aio.create_task
            self.sleep = aio.sleep
            self.sleep_ms = aio.sleep_ms
            self.info["version"] = asynccp.__version__
            self.info["file"] = getattr(aio, "__file__", "?")
            return
        if name == "adafruit":
            # Adafruit's core.py does `from _asyncio import Task, TaskQueue`
            # first. On MicroPython _asyncio is a built-in module, and a
            # built-in always wins over a file on sys.path, so a shadowing
            # _asyncio.py cannot block it. A None entry in sys.modules can:
            # the import then finds None, has no Task to take from it and
            # raises ImportError, so core.py takes its `except ImportError`
            # branch and imports .task, the pure-Python queue.
            sys.modules["_asyncio"] = None
        import asyncio

        self.mod = asyncio
        self.spawn = asyncio.create_task
        self.sleep = asyncio.sleep
        self.sleep_ms = getattr(asyncio, "sleep_ms", None)  # MicroPython only
        self.info["version"] = str(getattr(asyncio, "__version__", sys.version.split()[0]))
        self.info["file"] = getattr(asyncio, "__file__", "(frozen)")
        if MP:
            core = asyncio.core
            if name == "adafruit":
                import asyncio.task as pytask

                ok = core.TaskQueue is pytask.TaskQueue and core.Task is pytask.Task
                self.info["queue"] = "python" if ok else "C"
            else:
                import _asyncio

                self.info["queue"] = "C" if core.TaskQueue is _asyncio.TaskQueue else "python"

    def run(self, coro):
        """Run ``coro`` as the main task until it returns."""
        if self.name == "asynccp":
            self.mod.add_task(coro)
            self.mod.run()
        else:
            self.mod.run(coro)


# ---------------------------------------------------------------- workloads


async def spin(sleep, k):
    # one task of the switching workload: k zero delays
    for _ in range(k):
        await sleep(0)


def switch(lib, n, iters):
    """n tasks, each awaiting a zero delay iters times; timed from the moment
    all are created until the last one ended (creation excluded)."""
    out = {}

    async def main():
        ts = [lib.spawn(spin(lib.sleep, iters)) for _ in range(n)]
        t0 = now_us()
        for t in ts:
            await t
        out["us"] = since_us(t0, now_us())

    lib.run(main())
    sw = n * iters
    return {"switches": sw, "us": out["us"], "per_s": sw * 1000000 / out["us"]}


def lcg_periods(count, seed=12345):
    # 1..20 ms, the same sequence on every runtime (no `random` module needed)
    x = seed
    out = []
    for _ in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(1 + (x >> 16) % 20)
    return out


async def sleeper(sleep, periods, scale, late_us, off, k, acc):
    # one task of the timer workload: k sleeps of periods[off:off+k] ms
    for j in range(off, off + k):
        p = periods[j]
        t = now_us()
        await sleep(p if scale == 1 else p / scale)
        late_us[j] = since_us(t, now_us()) - p * 1000
    acc[0] += 1


def timers(lib, n, wakes):
    """n tasks, each sleeping `wakes` random 1-20 ms periods. MicroPython:
    delay_ms / sleep_ms with int ms; CPython: delay / sleep with float s."""
    periods = lcg_periods(n * wakes)
    late = zeros(n * wakes)
    acc = [0]
    if MP:
        sleep, scale = lib.sleep_ms, 1
    else:
        sleep, scale = lib.sleep, 1000
    out = {}

    async def main():
        ts = [
            lib.spawn(sleeper(sleep, periods, scale, late, i * wakes, wakes, acc)) for i in range(n)
        ]
        t0 = now_us()
        for t in ts:
            await t
        out["us"] = since_us(t0, now_us())

    lib.run(main())
    total = n * wakes
    s = 0
    for v in late:
        s += v
    ls = sorted(late)
    return {
        "wakes": total,
        "us": out["us"],
        "per_s": total * 1000000 / out["us"],
        "late_mean_us": s / total,
        "late_p99_us": ls[(99 * total) // 100],
        "late_max_us": ls[-1],
        "ideal_s": sum(periods) / 1000 / n,
    }


def rate_mhz(n, lo=8300, hi=100000):
    # n rates from 8.3 to 100 Hz, in integer mHz
    return [lo + (hi - lo) * i // (n - 1) for i in range(n)]


def fixed(lib, n, seconds, mode):
    """n tasks at 8.3..100 Hz for `seconds` of real time. mode: "schedule"
    (asynccp.schedule), "naive" (`while True: work(); await sleep(1 / hz)`),
    "ticks" (a deadline advanced with ticks_add by round(1000 / hz) ms) or
    "grid" (the k-th deadline is ticks_add(start, int(k * 1000 / hz)))."""
    from adafruit_ticks import ticks_add, ticks_diff, ticks_ms

    mhz = rate_mhz(n)
    expected = [-(-m * seconds // 1000) for m in mhz]  # runs due in [0, seconds)
    cap = sum(expected) + 4 * n
    late = zeros(cap)
    counts = zeros(n)
    span = seconds * 1000000
    st = {"i": 0, "after": 0}
    t0 = now_us()

    def work(i):
        # one run: its start time against the ideal grid t0 + k / f
        t = since_us(t0, now_us())
        if t >= span:
            st["after"] += 1
            return
        k = counts[i]
        counts[i] = k + 1
        j = st["i"]
        if j < cap:
            late[j] = t - k * 1000000000 // mhz[i]
            st["i"] = j + 1

    if mode == "schedule":
        lp = lib.mod.Loop()
        for i in range(n):
            lp.schedule(mhz[i] / 1000, work, i)
        lp.run_for(seconds + 0.02)
    else:
        sleep = lib.sleep
        sleep_ms = lib.sleep_ms

        async def naive(i, period):
            while True:
                work(i)
                await sleep(period)

        async def ticks(i, period_ms):
            nxt = ticks_ms()
            while True:
                work(i)
                nxt = ticks_add(nxt, period_ms)
                if sleep_ms is not None:
                    await sleep_ms(ticks_diff(nxt, ticks_ms()))
                else:
                    await sleep(ticks_diff(nxt, ticks_ms()) / 1000)

        async def grid(i, hz):
            start = ticks_ms()
            k = 0
            while True:
                work(i)
                k += 1
                due = ticks_add(start, int(k * 1000 / hz))
                if sleep_ms is not None:
                    await sleep_ms(ticks_diff(due, ticks_ms()))
                else:
                    await sleep(ticks_diff(due, ticks_ms()) / 1000)

        async def main():
            for i in range(n):
                hz = mhz[i] / 1000
                if mode == "naive":
                    lib.spawn(naive(i, 1 / hz))
                elif mode == "ticks":
                    lib.spawn(ticks(i, round(1000 / hz)))
                else:
                    lib.spawn(grid(i, hz))
            await sleep(seconds + 0.02)

        lib.run(main())
    m = st["i"]
    ls = sorted(late[:m])
    errs = [counts[i] - expected[i] for i in range(n)]
    worst = 0
    for e in errs:
        if abs(e) > abs(worst):
            worst = e
    return {
        "n": n,
        "runs": m,
        "expected": sum(expected),
        "worst_err": worst,
        "over_1": sum(1 for e in errs if abs(e) > 1),
        "late_p99_us": ls[(99 * m) // 100] if m else 0,
        "late_max_us": ls[-1] if m else 0,
        "late_min_us": ls[0] if m else 0,
    }


# ---------------------------------------------------------------- memory (MicroPython)


def _mem():
    gc.collect()
    return gc.mem_alloc()


async def forever(sleep):
    # a sleeping task: wakes once a second, for ever
    while True:
        await sleep(1)


def tick():
    pass


def mem_sleep(lib, n):
    """RAM of n tasks of `while True: await sleep(1)`, all asleep: the delta
    of gc.mem_alloc() (after gc.collect()) around creating them and letting
    each run to its first sleep, per task. Counts the coroutine, the task
    object and whatever the library's queues hold for it."""
    out = {}

    async def main():
        m0 = _mem()
        for _ in range(n):
            lib.spawn(forever(lib.sleep))
        await lib.sleep_ms(10)  # every task ran once and sleeps now
        out["bytes"] = _mem() - m0

    _run_main_then_stop(lib, main)
    return {"n": n, "bytes": out["bytes"], "per_task": out["bytes"] / n}


async def ticks_loop(sleep_ms, ticks_ms, ticks_add, ticks_diff, fn, period_ms):
    # asyncio's equivalent of a scheduled task: a ticks_add-corrected loop
    nxt = ticks_ms()
    while True:
        fn()
        nxt = ticks_add(nxt, period_ms)
        await sleep_ms(ticks_diff(nxt, ticks_ms()))


def mem_sched(lib, n):
    """RAM of n fixed-rate tasks at 1 Hz waiting for their next run, per
    task: asynccp.schedule(1, fn) against a ticks_add-corrected
    `while True` loop task in asyncio (what asyncio code writes for it)."""
    from adafruit_ticks import ticks_add, ticks_diff, ticks_ms

    out = {}
    if lib.name == "asynccp":
        lib.mod.schedule  # imports the scheduler outside the measure

    async def main():
        m0 = _mem()
        for _ in range(n):
            if lib.name == "asynccp":
                lib.mod.schedule(1, tick)
            else:
                lib.spawn(ticks_loop(lib.sleep_ms, ticks_ms, ticks_add, ticks_diff, tick, 1000))
        await lib.sleep_ms(10)  # every task ran once and waits for its next run
        out["bytes"] = _mem() - m0

    _run_main_then_stop(lib, main)
    return {"n": n, "bytes": out["bytes"], "per_task": out["bytes"] / n}


def _run_main_then_stop(lib, main):
    # run main() while the other tasks sleep; leave when main is done
    class Stop(Exception):
        pass

    async def wrap():
        await main()
        raise Stop

    try:
        lib.run(wrap())
    except Stop:
        pass


def alloc(lib, what, n, k1, k2):
    """Bytes allocated per await: gc disabled, gc.mem_alloc() delta over a run
    of n tasks doing k awaits each, for k = k1 and k2 after a warm-up run; the
    difference over n * (k2 - k1) awaits cancels every fixed cost (task
    creation, the loop starting and ending)."""
    if what == "switch":
        sleep, arg = lib.sleep, 0
    elif what == "delay_ms":
        sleep, arg = lib.sleep_ms, 1
    else:  # "delay_s": a float number of seconds
        sleep, arg = lib.sleep, 0.001

    async def worker(k):
        for _ in range(k):
            await sleep(arg)

    def once(k):
        async def main():
            ts = [lib.spawn(worker(k)) for _ in range(n)]
            for t in ts:
                await t

        gc.collect()
        gc.disable()
        m0 = gc.mem_alloc()
        lib.run(main())
        d = gc.mem_alloc() - m0
        gc.enable()
        return d

    once(k1)
    d1 = once(k1)
    d2 = once(k2)
    return {"d1": d1, "d2": d2, "awaits": n * (k2 - k1), "per_await": (d2 - d1) / (n * (k2 - k1))}


def coro_mem(lib, n):
    """RAM of n `forever` coroutines alone, not run (the part of a sleeping
    task that is the same object for every library)."""
    cs = [None] * n
    m0 = _mem()
    for i in range(n):
        cs[i] = forever(lib.sleep)
    return {"n": n, "bytes": _mem() - m0, "per_task": (_mem() - m0) / n}


def bare(lib, n, iters, what):
    """Diagnostic: n `spin` coroutines driven round-robin by a bare
    `send(None)`, no loop at all: the cost of the await itself. Only for
    asynccp, whose zero delay needs no running loop."""
    sleep = lib.sleep if what == "delay" else lib.sleep_ms
    cs = [spin(sleep, iters) for _ in range(n)]
    t0 = now_us()
    for _ in range(iters):
        for c in cs:
            c.send(None)
    us = since_us(t0, now_us())
    return {"switches": n * iters, "us": us, "per_s": n * iters * 1000000 / us}


def call_alloc(lib, what, arg, k):
    """Diagnostic: bytes allocated per call of delay(arg) / delay_ms(arg)
    alone (the call that makes the awaitable, nothing awaited), over k calls."""
    fn = lib.sleep if what == "delay" else lib.sleep_ms
    x = float(arg) if "." in arg else int(arg)
    # asynccp's delay object: made spent again after each call (a store,
    # which allocates nothing), or the next call would say it was never
    # awaited (the missing-await check)
    a = fn(x)
    spend = hasattr(a, "ms")
    if spend:
        a.ms = -1
    gc.collect()
    gc.disable()
    m0 = gc.mem_alloc()
    for _ in range(k):
        a = fn(x)
        if spend:
            a.ms = -1
    d = gc.mem_alloc() - m0
    gc.enable()
    return {"per_call": d / k}


def imports(lib, what):
    """RAM an import costs in a fresh VM: gc.mem_alloc() after gc.collect()
    before and after. asynccp: the package, then .delay and .schedule (which
    load delay.py and scheduler.py); aio: ``import asynccp.asyncio`` (with
    the asynccp modules it loads); asyncio: the package (core and its task
    queue)."""
    m0 = _mem()
    if lib == "asynccp":
        import asynccp

        if what in ("delay", "full"):
            asynccp.delay  # loads asynccp.delay
        if what == "full":
            asynccp.schedule  # loads asynccp.scheduler
    elif lib == "aio":
        import asynccp.asyncio as aio

        aio.create_task
        aio.sleep
    else:
        if lib == "adafruit":
            sys.modules["_asyncio"] = None
        import asyncio

        asyncio.create_task
        asyncio.sleep
    return {"bytes": _mem() - m0}


def main(argv):
    libname, work, args = argv[1], argv[2], argv[3:]
    if work == "imports":
        print("BENCH " + json.dumps(imports(libname, args[0] if args else "full")))
        return
    lib = Lib(libname)
    if work == "switch":  # N K
        r = switch(lib, int(args[0]), int(args[1]))
    elif work == "timers":  # N WAKES
        r = timers(lib, int(args[0]), int(args[1]))
    elif work == "fixed":  # N SECONDS MODE
        r = fixed(lib, int(args[0]), int(args[1]), args[2])
    elif work == "mem_sleep":  # N
        r = mem_sleep(lib, int(args[0]))
    elif work == "mem_sched":  # N
        r = mem_sched(lib, int(args[0]))
    elif work == "coro_mem":  # N
        r = coro_mem(lib, int(args[0]))
    elif work == "alloc":  # WHAT N K1 K2
        r = alloc(lib, args[0], int(args[1]), int(args[2]), int(args[3]))
    elif work == "bare":  # WHAT N K
        r = bare(lib, int(args[1]), int(args[2]), args[0])
    elif work == "call_alloc":  # WHAT ARG K
        r = call_alloc(lib, args[0], args[1], int(args[2]))
    else:
        raise SystemExit("unknown workload " + work)
    r["lib"] = lib.info
    print("BENCH " + json.dumps(r))


main(sys.argv)

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Package layout, lazy loading, 0.1.x aliases, the no-async-syntax rule and
the awaitable protocol: what lets a board load only what a program uses,
lets 0.1.x programs run unchanged, and lets SAMD21 boards (no async syntax)
run the library at all."""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from api_names import lazy_table
from build_support import bundleconf, source_modules

import asynccp
from asynccp import core

SRC = Path(__file__).resolve().parent.parent / "src"
PKG = SRC / "asynccp"


def _py(code):
    """Run `code` in a fresh CPython with src on the path; its stdout."""
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": ""},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


# -- layout and lazy loading --------------------------------------------------------------


def test_one_module_per_feature_and_the_01x_names():
    names = {p.stem for p in PKG.glob("*.py")}
    # one module per feature, so a board copies and loads only what it uses
    assert {"__init__", "core", "delay", "scheduler", "resource", "duration", "testing"} <= names
    # asynccp 0.1.x module names
    assert {"loop", "time", "managed_resource", "managed_spi"} <= names


def test_01x_module_names_are_aliases_of_the_new_objects():
    from asynccp.loop import Loop
    from asynccp.managed_resource import ManagedResource
    from asynccp.managed_spi import ManagedSpi
    from asynccp.time import Duration

    assert Loop is asynccp.Loop
    assert Duration is asynccp.Duration
    assert ManagedResource is asynccp.ManagedResource
    assert ManagedSpi is asynccp.ManagedSpi
    assert Duration.of_milliseconds(3) == asynccp.Duration.of_milliseconds(3)


def _loaded_after(code):
    out = _py(
        code + "\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith('asynccp')))\n"
    )
    return set(eval(out.strip().splitlines()[-1]))  # our own output


# What `import asynccp` may load: core, and delay (tasks and delays, the
# least a program needs). Every other feature loads on first use, so a
# board's RAM holds only what the program uses.
BASE = {"asynccp", "asynccp.core", "asynccp.delay"}


def test_import_loads_only_the_minimal_set():
    loaded = _loaded_after("import asynccp")
    assert "asynccp.core" in loaded
    assert loaded <= BASE


#: {each name of src/asynccp/lazy.py's table, as the table writes it: its module}
LAZY = lazy_table("asynccp")

#: The same for asynccp.asyncio's two tables (asyncio/__init__.py's, asyncio/names.py's)
ASYNCIO_LAZY = lazy_table("asynccp.asyncio")


def test_the_lazy_tables_are_read_whole():
    """Every name of each table is tested below, each with its module."""

    def words(*modules):
        # (imported by name: asynccp.lazy and asynccp.asyncio.names let
        # themselves go after a lookup, and `from asynccp.asyncio import
        # names` then gives the None the package keeps in their place)
        tables = [importlib.import_module(m)._lazy for m in modules]
        return sorted(w for t in tables for w in t.split() if w[-1] != ":")

    assert sorted(LAZY) == words("asynccp.lazy")
    assert sorted(ASYNCIO_LAZY) == words("asynccp.asyncio", "asynccp.asyncio.names")
    assert LAZY["CancelledError"] == "asynccp.task" and LAZY["Loop.schedule"] == "asynccp.scheduler"
    assert LAZY["ScheduledTask.stop"] == "asynccp.schedctl"
    assert LAZY["Duration.as_seconds"] == "asynccp.units"
    assert ASYNCIO_LAZY["CancelledError"] == "asynccp.task"
    assert ASYNCIO_LAZY["gather"] == "asynccp.asyncio.funcs"
    assert ASYNCIO_LAZY["ThreadSafeFlag"] == "asynccp.io"
    for module in {*LAZY.values(), *ASYNCIO_LAZY.values()}:
        assert (SRC / f"{module.replace('.', '/')}.py").is_file(), module


def _alone(module, first="asynccp"):
    """What `import <module>` loads, after `import <first>`."""
    return _loaded_after(f"import {first}\nimport {module}")


@pytest.mark.parametrize("name", sorted(LAZY))
def test_lazy_name_loads_its_own_module_only(name):
    """Each name of the table: looking it up loads its module and what that
    module imports, nothing else (lazy itself lets go), and gives the
    module's object (for a method: the class has it afterwards)."""
    module = LAZY[name]
    if "." in name:
        cls, attr = name.split(".")
        make = {
            "Loop": "asynccp.get_loop()",
            "ScheduledTask": "asynccp.core.Loop().schedule(1, int)",
            "Duration": "asynccp.duration.Duration(1)",
        }[cls]
        code = (
            f"import sys, asynccp\no = {make}\nx = getattr(o, {attr!r})\n"
            f"print(callable(x) or x is o, {attr!r} in dir(type(o)))"
        )
        setup = {"ScheduledTask": {"scheduler"}, "Duration": {"duration"}}.get(cls, set())
        if cls == "Loop":
            attr_code = f"import sys, asynccp\nx = asynccp.{attr}\nprint(callable(x))"
            assert _py(attr_code).strip() == "True", "a Loop method is a package function too"
    else:
        code = (
            f"import sys, asynccp\nx = asynccp.{name}\n"
            f"print(x is getattr(sys.modules[{module!r}], {name!r}), True)"
        )
        setup = set()
    expected = _alone(module) | {f"asynccp.{m}" for m in setup}
    for m in setup:
        expected |= _alone(f"asynccp.{m}")
    assert _loaded_after(code) == expected
    assert _py(code).strip() == "True True"


@pytest.mark.parametrize("name", sorted(ASYNCIO_LAZY))
def test_asyncio_lazy_name_loads_its_own_module_only(name):
    """Each name of asynccp.asyncio's two tables: looking it up loads its
    module and what that imports, nothing else (the second table,
    asynccp.asyncio.names, lets itself go again), and gives the module's
    object."""
    module = ASYNCIO_LAZY[name]
    code = (
        f"import sys, asynccp.asyncio\nx = asynccp.asyncio.{name}\n"
        f"print(x is getattr(sys.modules[{module!r}], {name!r}))"
    )
    assert _loaded_after(code) == _alone(module, first="asynccp.asyncio")
    assert _py(code).strip() == "True"


def test_probing_a_name_no_table_has_loads_nothing():
    """hasattr()/getattr() with a default of a name that is not a lazy one
    loads no module (only a name in the table loads anything)."""
    code = (
        "import sys, asynccp\n"
        "from asynccp.scheduler import ScheduledTask\n"
        "from asynccp.duration import Duration\n"
        "st = asynccp.get_loop().schedule(1, int)\n"
        "before = set(sys.modules)\n"
        "lp = asynccp.get_loop()\n"
        "print(hasattr(lp, 'nope'), getattr(st, '_r', 0), hasattr(Duration(1), 'as_x'),"
        " hasattr(asynccp, 'Nope'))\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    assert _py(code).split("\n")[:2] == ["False 0 False False", "[]"]


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        asynccp.no_such_thing
    assert not hasattr(asynccp, "no_such_thing")


def test_import_asynccp_gives_only_asynccp_names():
    """Nothing of core's own imports leaks into the package: asynccp.sleep
    was time.sleep on CircuitPython and CPython (so `await asynccp.sleep(1)`
    blocked, then failed), and asynccp.const micropython's."""
    out = _py("import asynccp\nprint(sorted(n for n in dir(asynccp) if n[0] != '_'))")
    assert eval(out) == [
        "Loop", "Task", "add_task", "core", "delay", "delay_ms", "get_loop", "run"
    ]  # fmt: skip
    assert not hasattr(asynccp, "sleep") and not hasattr(asynccp, "const")


@pytest.mark.parametrize(
    "first",
    [
        "from asynccp import delay_ms, delay",
        "import asynccp; asynccp.delay_ms",
        "import asynccp; asynccp.Loop().delay(0)",
    ],
)
def test_delay_is_the_function_whatever_was_loaded_first(first):
    """`asynccp.delay` is the function, not the module of the same name,
    even when the delay module was loaded by something else first."""
    out = _py(
        f"{first}\n"
        "import asynccp\n"
        "from asynccp import delay as d\n"
        "print(callable(asynccp.delay), callable(d))\n"
    )
    assert out.strip() == "True True"


def test_module_functions_use_one_default_loop(vloop):
    assert asynccp.get_loop() is vloop
    assert asynccp.get_loop() is asynccp.get_loop()


def test_get_loop_makes_a_real_clock_loop_once():
    saved = core._default
    core._default = None
    try:
        lp = asynccp.get_loop()
        assert isinstance(lp, asynccp.Loop)
        assert asynccp.get_loop() is lp
        assert lp.debug is False
    finally:
        core._default = saved


# -- constraint: no async syntax in what goes onto boards ---------------------------------


@pytest.mark.parametrize("path", source_modules(), ids=str)
def test_no_async_syntax_in_the_library(path):
    """SAMD21 CircuitPython has no async syntax: every module that goes onto
    boards is in generator form (tools/bundleconf.py's walk, the build's)."""
    tree = ast.parse((SRC / path).read_text(encoding="utf-8"), filename=str(path))
    assert bundleconf.async_constructs(tree) == []


# -- constraint: every awaitable defines __await__ and __iter__ --------------------------


def _is_awaitable_everywhere(x):
    return callable(getattr(x, "__await__", None)) and callable(getattr(x, "__iter__", None))


def _drive(it):
    """Exhaust an iterator that finishes without yielding; its return value."""
    try:
        next(it)
    except StopIteration as e:
        return e.value
    raise AssertionError("it yielded")


def test_each_public_awaitable_has_await_and_iter(vloop):
    """Each object the library hands out to be awaited, made inside a running
    task, defines both protocols (CPython/CircuitPython `await` needs
    __await__, MicroPython `await` and `yield from` need __iter__); each
    __aenter__/__aexit__ returns such an object; and each one works through
    both protocols."""
    seen = {}
    res = asynccp.ManagedResource("bus")
    ev = asynccp.Event()
    lock = asynccp.Lock()
    sem = asynccp.Semaphore(2)
    q = asynccp.Queue(1)

    async def child():
        return 5

    async def main():
        seen["delay()"] = d = asynccp.delay(0.01)
        assert _is_awaitable_everywhere(d)
        await d
        seen["delay_ms()"] = d = asynccp.delay_ms(3)
        assert _is_awaitable_everywhere(d)
        await d
        t = asynccp.get_loop().add_task(child())
        seen["Task"] = t
        assert await t == 5
        h = res.handle()
        seen["handle"] = h
        assert _is_awaitable_everywhere(h)
        seen["handle.__aenter__()"] = a = h.__aenter__()
        assert await a == "bus"
        seen["handle.__aexit__()"] = x = h.__aexit__(None, None, None)
        assert await x is None
        assert not h.active
        aw, resume = asynccp.suspend()
        seen["suspend()[0]"] = aw
        resume()
        await aw
        ev.set()
        seen["Event.wait()"] = w = ev.wait()
        assert await w is True
        seen["Lock.acquire()"] = a = lock.acquire()
        assert await a is True
        lock.release()
        seen["Lock.__aenter__()"] = a = lock.__aenter__()
        await a
        assert lock.locked()
        seen["Lock.__aexit__()"] = x = lock.__aexit__(None, None, None)
        await x
        assert not lock.locked()
        seen["Semaphore.acquire()"] = a = sem.acquire()
        assert await a is True
        sem.release()
        seen["Semaphore.__aenter__()"] = a = sem.__aenter__()
        await a
        seen["Semaphore.__aexit__()"] = x = sem.__aexit__(None, None, None)
        await x
        seen["Queue.put()"] = p = q.put(1)
        await p
        seen["Queue.get()"] = g = q.get()
        assert await g == 1
        seen["wait_for()"] = w = asynccp.wait_for(child(), 1)
        assert await w == 5
        return "done"

    t = vloop.add_task(main())
    vloop.run()
    assert t.done()
    for name, x in seen.items():
        assert _is_awaitable_everywhere(x), name
    assert len(seen) == 17


def test_each_public_awaitable_works_with_yield_from(vloop):
    """The same objects through __iter__ only (`yield from`, MicroPython's
    `await`), in a generator task."""
    res = asynccp.ManagedResource("bus")
    ev = asynccp.Event()
    lock = asynccp.Lock()
    sem = asynccp.Semaphore(1)
    q = asynccp.Queue(1)
    log = []

    def child():
        yield from asynccp.delay(0.01)
        return 7

    def main():
        yield from asynccp.delay(0.01)
        yield from asynccp.delay_ms(5)
        log.append(("delays", vloop.clock.ticks_ms()))
        t = vloop.add_task(child())
        log.append(("task", (yield from t)))
        h = res.handle()
        log.append(("handle", (yield from h.__aenter__())))
        log.append(("aexit", (yield from h.__aexit__(None, None, None))))
        aw, resume = asynccp.suspend()
        resume()
        yield from aw
        ev.set()
        log.append(("event", (yield from ev.wait())))
        log.append(("lock", (yield from lock.acquire())))
        lock.release()
        log.append(("sem", (yield from sem.acquire())))
        sem.release()
        yield from q.put("x")
        log.append(("queue", (yield from q.get())))
        log.append(("wait_for", (yield from asynccp.wait_for(child(), 1))))

    vloop.add_task(main())
    vloop.run()
    assert log == [
        ("delays", 15),
        ("task", 7),
        ("handle", "bus"),
        ("aexit", None),
        ("event", True),
        ("lock", True),
        ("sem", True),
        ("queue", "x"),
        ("wait_for", 7),
    ]


def test_waiting_awaitables_have_both_protocols(vloop):
    """Objects handed out when the caller has to wait (a full queue, a held
    lock, a held resource) too; awaited at once, they wait their turn."""
    q = asynccp.Queue(1)
    lock = asynccp.Lock()
    res = asynccp.ManagedResource("bus")
    got = []

    async def holder():
        async with lock, res.handle():
            await asynccp.delay(1)

    async def getter():
        await asynccp.delay(0.5)
        got.append(("get", q.get_nowait(), vloop.clock.ticks_ms()))

    async def main():
        await q.put(0)
        await asynccp.delay(0)  # let holder take the lock and the resource
        p = q.put(1)
        assert _is_awaitable_everywhere(p)
        await p
        got.append(("put", vloop.clock.ticks_ms()))
        a = lock.acquire()
        assert _is_awaitable_everywhere(a)
        await a
        got.append(("lock", vloop.clock.ticks_ms()))
        lock.release()
        h = res.handle()
        assert _is_awaitable_everywhere(h.__aenter__())
        async with h as r:
            got.append(("res", r))

    vloop.add_task(main())
    vloop.add_task(holder())
    vloop.add_task(getter())
    vloop.run()
    assert got == [("get", 0, 500), ("put", 500), ("lock", 1000), ("res", "bus")]
    assert q.get_nowait() == 1


# -- constraint: bad input fails at the call, clearly ---------------------------------------


_calls = []


async def _coro_fn():
    _calls.append(1)


def _gen_fn():
    yield


def _nothing_was_added(loop):
    del _calls[:]
    loop.run()  # returns at once: no task, no schedule was left behind
    assert loop.clock.elapsed_ms == 0
    assert _calls == []


def _raises(exc, fn, *args, **kwargs):
    with pytest.raises(exc) as info:
        fn(*args, **kwargs)
    return str(info.value)


@pytest.mark.parametrize("api", ["schedule", "schedule_later"])
@pytest.mark.parametrize("rate", [0, -1, -0.5, 0.0, float("nan")])
def test_schedule_rate_zero_or_below_is_a_value_error(vloop, api, rate):
    msg = _raises(ValueError, getattr(asynccp, api), rate, _coro_fn)
    assert repr(rate) in msg
    _raises(ValueError, getattr(vloop, api), rate, _coro_fn)
    _nothing_was_added(vloop)


@pytest.mark.parametrize("api", ["schedule", "schedule_later"])
def test_schedule_duration_of_zero_or_below_is_a_value_error(vloop, api):
    D = asynccp.Duration
    for d in (D.of_seconds(0), -D.of_milliseconds(5), -D.of_microseconds(1)):
        msg = _raises(ValueError, getattr(asynccp, api), d, _coro_fn)
        assert repr(d) in msg


@pytest.mark.parametrize("api", ["schedule", "schedule_later"])
@pytest.mark.parametrize("rate", [None, "10", True, [1]])
def test_schedule_rate_of_wrong_type_is_a_type_error(vloop, api, rate):
    msg = _raises(TypeError, getattr(asynccp, api), rate, _coro_fn)
    assert repr(rate) in msg


@pytest.mark.parametrize("api", ["schedule", "schedule_later"])
def test_schedule_wants_a_function(vloop, api):
    msg = _raises(TypeError, getattr(asynccp, api), 1, None)
    assert "None" in msg
    c = _coro_fn()
    try:
        msg = _raises(TypeError, getattr(asynccp, api), 1, c)
        assert repr(c) in msg
    finally:
        c.close()
    g = _gen_fn()
    msg = _raises(TypeError, getattr(asynccp, api), 1, g)
    assert repr(g) in msg
    _nothing_was_added(vloop)


def test_change_rate_checks_like_schedule(vloop):
    st = vloop.schedule(1, _coro_fn)
    _raises(ValueError, st.change_rate, 0)
    _raises(ValueError, st.change_rate, -3)
    _raises(TypeError, st.change_rate, None)
    _raises(TypeError, st.change_rate, "1")


def test_catch_up_bogus_is_a_value_error(vloop):
    msg = _raises(ValueError, asynccp.schedule, 1, _coro_fn, catch_up="bogus")
    assert "'bogus'" in msg


def test_add_task_and_run_later_want_a_coroutine_object(vloop):
    for bad in (_coro_fn, _gen_fn, None, 3):
        assert repr(bad) in _raises(TypeError, asynccp.add_task, bad)
        assert repr(bad) in _raises(TypeError, vloop.add_task, bad)
        assert repr(bad) in _raises(TypeError, asynccp.run_later, 1, bad)
        assert repr(bad) in _raises(TypeError, vloop.run_later, 1, bad)
    _nothing_was_added(vloop)


def test_run_later_wants_a_number_of_seconds(vloop):
    c = _coro_fn()
    try:
        assert "'1'" in _raises(TypeError, vloop.run_later, "1", c)
        assert "None" in _raises(TypeError, vloop.run_later, None, c)
    finally:
        c.close()


def test_delay_wants_a_number(vloop):
    for bad in ("x", None, [1]):
        assert repr(bad) in _raises(TypeError, asynccp.delay, bad)
    assert "'x'" in _raises(TypeError, vloop.delay, "x")


def test_delay_ms_wants_an_int(vloop):
    for bad in (1.5, 2.0, "3", None):
        assert repr(bad) in _raises(TypeError, asynccp.delay_ms, bad)


def test_delays_over_half_the_tick_period_are_value_errors(vloop):
    _raises(ValueError, asynccp.delay, 4 * 24 * 3600)
    _raises(ValueError, asynccp.delay_ms, 2**28)
    _raises(ValueError, vloop.run_later, 4 * 24 * 3600, _gen_fn())
    # three days is fine (each delay awaited: outside a loop that is a
    # RuntimeError, and a delay made and never awaited would make the next
    # one an error)
    _raises(RuntimeError, lambda: next(iter(asynccp.delay(3 * 24 * 3600))))
    _raises(RuntimeError, lambda: next(iter(asynccp.delay_ms(2**28 - 1))))


def test_duration_compare_with_non_duration_is_a_type_error():
    d = asynccp.Duration.of_seconds(1)
    for other in (1, 1.0, None, "1"):
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert repr(other) in _raises(TypeError, getattr(d, op), other)
        with pytest.raises(TypeError):
            d < other
        with pytest.raises(TypeError):
            other >= d
    assert (d == 1000) is False
    assert d != 1000


def test_duration_arithmetic_with_non_duration_is_a_type_error():
    d = asynccp.Duration.of_seconds(1)
    with pytest.raises(TypeError):
        d + 1
    with pytest.raises(TypeError):
        d - 1.5
    with pytest.raises(TypeError):
        1 + d
    with pytest.raises(TypeError):
        d * d
    with pytest.raises(TypeError):
        d * "2"


# -- transient modules: lazy and messages let themselves go ---------------------------


def test_lazy_and_messages_are_let_go_after_use():
    out = _py(
        "import sys, asynccp\n"
        "asynccp.Duration, asynccp.get_loop().suspend\n"  # a package name and a Loop method
        "print('lazy', 'asynccp.lazy' in sys.modules, 'lazy' in vars(asynccp))\n"
        "try:\n"
        "    asynccp.delay('1')\n"
        "except TypeError as e:\n"
        "    print('message', str(e).startswith('asynccp: seconds'))\n"
        "print('messages', 'asynccp.messages' in sys.modules, vars(asynccp).get('messages'))\n"
        "print('again', asynccp.Event is sys.modules['asynccp.event'].Event)\n"
    )
    # (the package keeps `messages = None`: SAMD21 boards have no delattr,
    # and a module attribute can be deleted only with its name written out)
    assert out.split("\n")[:4] == [
        "lazy False False",
        "message True",
        "messages False None",
        "again True",
    ]


def test_transient_modules_leave_no_ram_behind_on_the_32bit_vm():
    """After names are looked up and an error message made, the heap holds
    only the modules used, not lazy's table or the message texts."""
    from wasm_runner import MPY_LIB_DIRS, run_wasm

    code = (
        "import gc\nimport asynccp\nfrom asynccp import duration, event\n"
        "def err():\n"
        "    try:\n        asynccp.delay('1')\n    except TypeError:\n        pass\n"
        "#---\ngc.collect()\n#---\na = gc.mem_alloc()\n#---\n"
        "x = asynccp.Duration\ny = asynccp.Event\nerr()\ndel x, y\n"
        "#---\ngc.collect()\n#---\nprint('grew', gc.mem_alloc() - a)\n"
    )
    rc, out = run_wasm(code, MPY_LIB_DIRS)
    assert rc == 0, out
    grew = int(out.split("grew")[1].split()[0])
    # the two names in the package's globals and the interned names the
    # lookups made stay; lazy (~1400 bytes) and messages (~2800) do not
    assert 0 <= grew < 600, out


def test_lazily_added_methods_and_probing_for_missing_names(vloop):
    """Loop, ScheduledTask and Duration load some methods on first use; a
    name none of them has is a plain AttributeError, not a loop of lookups
    (hasattr and getattr with a default work, as pytest's own probing does)."""
    d = asynccp.Duration.of_seconds(2)
    st = vloop.schedule(1, lambda: None)
    for obj in (vloop, st, d):
        assert not hasattr(obj, "no_such_method")
        assert getattr(obj, "__name__", None) is None
        with pytest.raises(AttributeError):
            obj.as_nothing
    assert d.as_seconds() == 2.0  # loads asynccp.units
    assert st.task is st  # loads asynccp.schedctl
    assert callable(vloop.suspend)  # loads asynccp.event

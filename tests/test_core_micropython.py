# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The core behaviours on the real MicroPython VM, against the ``.py`` sources:
the scenarios of tests/mp_scenarios.py (generator tasks and the heap
allocation of switches and delays among them), since the boards run
MicroPython's VM, not CPython; and the minimal ``lib/asynccp`` of
``__init__``, ``core`` and ``delay``, all a board needs for tasks and delays."""

import shutil
from pathlib import Path

import pytest
from mpy_runner import (
    check_report,
    py_deps_dir,
    run_micropython,
    run_micropython_code,
    run_scenarios,
    src_lib_dirs,
)

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "mp_scenarios.py"
PKG = HERE.parent / "src" / "asynccp"

#: Every scenario tests/mp_scenarios.py must run and pass (the build
#: engineer's test runs the same script on the .mpy files).
EXPECTED = [
    "import_loads_only_the_minimal_set",
    "delay_name_is_the_function",
    "aliases_01x",
    "round_robin_delay_zero",
    "delays_wake_at_exact_ticks",
    "run_returns_when_nothing_is_left",
    "task_result_and_exception",
    "cancel_throws_at_await_and_runs_finally",
    "cancel_before_start_and_run_later",
    "suspend_and_resume",
    "resume_wakes_only_its_own_suspend",
    "generator_tasks",
    "delays_across_the_tick_wrap",
    "sleeps_exactly_the_gap",
    "many_timers_and_cancellations",
    "schedule_80hz_hour_is_288000_runs",
    "schedule_7hz_hour_is_25200_runs",
    "schedule_fractional_rates_exact",
    "schedule_across_the_tick_wrap",
    "schedule_no_drift_no_overlap",
    "schedule_catch_up_and_rebase",
    "schedule_stop_start_change_rate",
    "schedule_later_and_args",
    "change_rate_does_not_cut_a_run_short",
    "resource_fifo_hooks_active",
    "managed_spi_chip_selects",
    "duration",
    "awaitables_define_await_and_iter",
    "bad_input_fails_at_the_call",
    "task_switch_allocates_nothing",
    "delay_ms_allocates_nothing",
    "delay_seconds_allocates_nothing",
]


def scenario_run():
    """The scenario script's run on MicroPython (sources), made once: (rc, output, results)."""
    return run_scenarios(SCENARIOS)


@pytest.mark.parametrize("name", EXPECTED)
def test_scenario_passes_on_micropython(name):
    rc, out, results = scenario_run()
    assert name in results, f"scenario {name} did not run:\n{out}"
    assert results[name] == "ok", f"{name} {results[name]}"


def test_scenario_script_runs_all_and_reports():
    check_report(*scenario_run(), EXPECTED)


def test_scenario_script_output_is_deterministic():
    """The build engineer compares the .mpy run's output with the .py run's:
    the script prints the same on every run."""
    _, out, _ = scenario_run()
    _, again = run_micropython(SCENARIOS, src_lib_dirs(), timeout=300)
    assert again == out


# -- the minimal lib/asynccp: __init__, core, delay ---------------------------------------

MINIMAL = """
import sys
import asynccp
import asynccp.core
log = []

class Clock:
    def __init__(self):
        self.t = 0
    def ticks_ms(self):
        return self.t
    def sleep_ms(self, ms):
        self.t += ms

# The module functions' loop on a virtual clock: where cancel() cannot load,
# the victim sleeps its 10 s without the test waiting for them
asynccp.core._default = asynccp.Loop(clock=Clock())

async def t(name, s):
    await asynccp.delay(s)
    log.append(name)
    return name

def g():
    yield from asynccp.delay_ms(5)
    log.append("g")

async def victim():
    try:
        await asynccp.delay(10)
    finally:
        log.append("finally")

async def main():
    a = asynccp.add_task(t("a", 0.02))
    asynccp.add_task(t("b", 0.04))
    asynccp.add_task(g())
    v = asynccp.add_task(victim())
    try:
        asynccp.run_later(0.03, t("later", 0))
    except ImportError:  # run_later needs loop.py and lazy.py
        log.append("run_later: ImportError")
    try:
        r = await a
        log.append("joined " + r)
    except ImportError:  # awaiting a task needs join.py
        log.append("join: ImportError")
    try:
        v.cancel()
    except ImportError:  # so does cancelling one
        log.append("cancel: ImportError")
    for _ in range(3):
        await asynccp.delay(0)

asynccp.add_task(main())
asynccp.run()
print("LOG", log)

clock = Clock()
lp = asynccp.Loop(clock=clock)
async def s():
    await asynccp.delay(3600)
lp.add_task(s())
lp.run()
print("CLOCK", clock.t)
try:
    asynccp.schedule
    print("SCHEDULE present")
except ImportError:
    print("SCHEDULE ImportError")
print("FILE", asynccp.__file__)
print("MODULES", sorted([k for k in sys.modules if k.startswith("asynccp")]))
"""


def _minimal_lib(tmp_path, *more):
    lib = tmp_path / "lib"
    pkg = lib / "asynccp"
    pkg.mkdir(parents=True)
    for name in ("__init__.py", "core.py", "delay.py", *more):
        shutil.copyfile(PKG / name, pkg / name)
    return lib


def test_minimal_lib_runs_tasks_and_delays_on_micropython(tmp_path):
    """__init__, core and delay run tasks and delays. Starting a task later
    needs loop.py and lazy.py, awaiting one join.py, cancelling one task.py:
    without them, the call fails clearly, at the call."""
    lib = _minimal_lib(tmp_path)
    rc, out = run_micropython_code(MINIMAL, [lib, py_deps_dir()])
    assert rc == 0, out
    lines = dict(line.split(" ", 1) for line in out.strip().splitlines())
    assert lines["LOG"] == (
        "['run_later: ImportError', 'join: ImportError', 'cancel: ImportError', "
        "'g', 'a', 'b', 'finally']"
    )
    assert lines["CLOCK"] == "3600000"
    assert lines["SCHEDULE"] == "ImportError"  # really only the three files
    assert lines["FILE"].startswith(str(lib))
    assert set(eval(lines["MODULES"])) <= {"asynccp", "asynccp.core", "asynccp.delay"}


def test_minimal_lib_with_cancel_cancels_on_micropython(tmp_path):
    lib = _minimal_lib(tmp_path, "task.py", "join.py", "lazy.py", "loop.py")
    rc, out = run_micropython_code(MINIMAL, [lib, py_deps_dir()])
    assert rc == 0, out
    lines = dict(line.split(" ", 1) for line in out.strip().splitlines())
    assert lines["LOG"] == "['g', 'a', 'joined a', 'finally', 'later', 'b']"
    assert "'asynccp.task'" in lines["MODULES"]


DIR = """
import sys
import asynccp

names = dir(asynccp)  # MicroPython asks the package's __getattr__ for every interned string
print("DIR", "Loop" in names, "delay" in names, "schedule" in names)
print("MODULES", sorted(k for k in sys.modules if k.startswith("asynccp")))
for bad in ("/", ".", "..", "Nope", "_x", "no_such_module"):
    try:
        getattr(asynccp, bad)
        print("BAD", bad, "found")
    except AttributeError:
        pass
print("OK", "all")
"""


def test_dir_never_imports_the_package_again_under_another_name():
    """dir(asynccp) and the REPL's tab completion look up every interned
    string on MicroPython. Such a lookup loads a module only by a name of
    asynccp's; "/" or "." once imported the package again under new names
    (a second core and Loop)."""
    rc, out = run_micropython_code(DIR, src_lib_dirs())
    assert rc == 0, out
    lines = dict(line.split(" ", 1) for line in out.strip().splitlines())
    assert lines["DIR"] == "True True True"
    modules = eval(lines["MODULES"])
    assert modules[0] == "asynccp"
    for name in modules[1:]:
        sub = name.split(".", 1)[1]
        assert name.count(".") == 1 and sub.replace("_", "").isalpha() and sub.islower(), modules
    assert "BAD" not in out and lines["OK"] == "all", out


PROBE = """
import sys
import asynccp.asyncio as asyncio

before = sorted(k for k in sys.modules if k.startswith("asynccp"))
print("HAS", hasattr(asyncio, "no_such_name"), getattr(asyncio, "nope", None))
print("SAME", sorted(k for k in sys.modules if k.startswith("asynccp")) == before)
print("FLAG", asyncio.ThreadSafeFlag.__name__, "asynccp.asyncio.names" in sys.modules)
"""


def test_probing_asyncio_for_a_missing_name_leaves_nothing_loaded():
    """hasattr(asynccp.asyncio, x) for a name in neither of its tables (its
    own, and the networking names' in asynccp.asyncio.names) loads nothing
    for good; a networking name still loads its module."""
    rc, out = run_micropython_code(PROBE, src_lib_dirs())
    assert rc == 0, out
    assert out.split("\n")[:3] == ["HAS False None", "SAME True", "FLAG ThreadSafeFlag False"], out

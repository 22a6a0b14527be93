# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""What happens on failure, cancellation and timeout, scenario by scenario, on
CPython and on the MicroPython VM (the boards' VM), so it is the same on both.

The scenarios live in tests/mp_reliability.py (plain code both VMs run): an
exception leaves run() or goes to the handler, and a scheduled run's keeps
its schedule; cancellation at every kind of await (delay, resource, event,
queue both ways, lock, semaphore, another task), before start, of itself,
twice, of a finished task, and the hand-offs a cancelled waiter passes on;
ScheduledTask.stop() and .cancel(); wait_for() in time, timed out, on a
Task, on every primitive, with the caller cancelled; Event, Lock,
Semaphore(n), Queue (FIFO both ways, no allocation per item on
MicroPython), all from generators too; ManagedResource (exception in the
block, re-acquire, on_acquire raising, FIFO and on_acquire/on_release
pairs); the deadlock RuntimeError; the catch-up policies' exact start
times. Each runs here in-process (one test per scenario) and all of them in
one MicroPython run (one test per scenario again).
"""

from pathlib import Path

import mp_reliability
import pytest
from mpy_runner import check_report, run_scenarios

SCRIPT = Path(__file__).resolve().parent / "mp_reliability.py"
NAMES = [fn.__name__ for fn in mp_reliability.SCENARIOS]


ON_CPYTHON = [fn for fn in mp_reliability.SCENARIOS if fn.__name__ not in mp_reliability.MEM_ONLY]


@pytest.mark.parametrize("fn", ON_CPYTHON, ids=[fn.__name__ for fn in ON_CPYTHON])
def test_scenario_on_cpython(fn):
    fn()


def test_only_the_byte_counting_scenarios_are_micropython_only():
    for fn in mp_reliability.SCENARIOS:
        if fn.__name__ in mp_reliability.MEM_ONLY:
            with pytest.raises(mp_reliability.Skip):
                fn()
    assert set(mp_reliability.MEM_ONLY) <= set(NAMES)


def micropython_run():
    """The script's run on MicroPython (sources), made once: (rc, output, results)."""
    return run_scenarios(SCRIPT, heapsize="512k")


@pytest.mark.parametrize("name", NAMES)
def test_scenario_on_micropython(name):
    rc, out, results = micropython_run()
    assert name in results, f"{name} did not run:\n{out}"
    assert results[name] == "ok", f"{name} {results[name]}"


def test_micropython_run_reports_every_scenario():
    check_report(*micropython_run(), NAMES)

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""No leak on MicroPython, where a board runs for months in a small heap:
100000 task creations and completions, and 100000 timeouts, with
``gc.mem_alloc()`` after ``gc.collect()`` flat.

The loops are ``mp_reliability.leak_tasks`` (batches of 100 tasks: a third
cancelled, before they start or mid-sleep; a third failing into the
exception handler; a third awaited for their result) and
``mp_reliability.leak_timeouts`` (wait_for() on an event, a queue get and a
sleep; nine in ten time out). The heap is measured every 10000; "flat" is
every mark within ``BOUND`` bytes of the first (taken after 10000, the
warm-up: the ready ring and the timer lists have grown to their size), whatever
N is: a leak of one 16-byte block per task would be 1.4 MB here. About 2 s
and 6 s; ``make nightly`` runs a million of each with the same bound.
"""

import re
from pathlib import Path

import mp_reliability
from mpy_runner import printed_values, run_micropython, src_lib_dirs
from sizes import NIGHTLY

SCRIPT = Path(__file__).resolve().parent / "mp_reliability.py"
N = 1000000 if NIGHTLY else 100000
BOUND = 1024


def mp(*args):
    rc, out = run_micropython(SCRIPT, src_lib_dirs(), heapsize="512k", args=args, timeout=1800)
    assert rc == 0, out
    res = printed_values(out)
    marks = [int(x) for x in re.findall(r"\d+", res.pop("marks"))]
    return {k: int(v) for k, v in res.items()}, marks


def flat(marks):
    assert len(marks) == N // 10000
    assert max(marks) - marks[0] <= BOUND, marks
    assert marks[-1] - marks[0] <= BOUND, marks


def test_task_creations_and_completions_do_not_leak():
    res, marks = mp("leak_tasks", N)
    assert res == {"tasks": N, "handled": N // 100 * 33}
    flat(marks)


def test_timeouts_do_not_leak():
    res, marks = mp("leak_timeouts", N)
    in_time = N // 10 - N // 30  # every tenth, unless it is a sleep (always late)
    assert res == {"timeouts": N - in_time, "in_time": in_time}
    flat(marks)


def test_leak_loops_count_right_on_cpython():
    assert mp_reliability.leak_tasks(3000, every=1000)["tasks"] == 3000
    r = mp_reliability.leak_timeouts(3000, every=1000)
    assert (r["timeouts"], r["in_time"]) == (3000 - 200, 200)

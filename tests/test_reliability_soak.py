# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Soak under the virtual clock: schedules at 7 Hz and 80 Hz with every run at
its exact tick, plus thousands of cancellations and timeouts
(``mp_reliability.soak``: every 10 simulated seconds 8 workers of which 4
are cancelled mid-sleep, and 4 wait_for() calls of which about half time
out; each outcome and its time is checked), so that a board left running
for days keeps its rates and loses no task.

Each soak starts one second before the 2**29 ms wrap of the boards' tick
counter (every 6.2 days on a board), where the bugs a soak exists for show
(a due time compared the wrong way across the wrap): it is crossed in the
first simulated second, whatever the length. So ``make test`` runs two
simulated hours, and ``make nightly`` (tests/sizes.py) two days, for what
only piles up slowly. Measured on a shared 2-core machine:

- CPython: two hours, 626400 runs, 2880 cancellations, ~1430 timeouts,
  about 2.5 s of CPU; two days, 15.03 M runs, 69120 cancellations, ~34550
  timeouts, about 60 to 70 s.
- MicroPython VM (its unix port, chaos every 5 s): two hours, 576000 +
  50400 runs, 5760 cancellations, ~2870 timeouts, about 6 s of CPU; two
  days, 138240 cancellations, ~69000 timeouts, about 140 s.
"""

from pathlib import Path

import mp_reliability
from mpy_runner import printed_values, run_micropython, src_lib_dirs
from sizes import NIGHTLY

SCRIPT = Path(__file__).resolve().parent / "mp_reliability.py"


def check(st, hours, every_ms):
    ms = hours * 3600 * 1000
    assert st["elapsed_ms"] == ms
    assert st["wrapped"], "the clock went through the 2**29 ms wrap"
    # exact counts: runs at k * period for every k with k * period < ms
    assert st["runs7"] == ms * 7 // 1000
    assert st["runs80"] == ms * 80 // 1000
    assert st["late"] == 0, "runs not at their exact due tick"
    rounds = ms // every_ms
    assert st["rounds"] == rounds
    assert st["wrong"] == 0, st
    assert st["cancelled"] == st["finished"] == 4 * rounds
    assert st["timeouts"] + st["in_time"] == 4 * rounds
    assert st["timeouts"] > rounds  # about half


def test_soak_on_cpython():
    hours = 48 if NIGHTLY else 2
    st = mp_reliability.soak(hours, every_ms=10000)
    check(st, hours, 10000)
    assert st["runs7"] == 25200 * hours and st["runs80"] == 288000 * hours
    assert st["cancelled"] >= 1250 * hours and st["timeouts"] >= 600 * hours


def test_soak_on_micropython():
    hours = 48 if NIGHTLY else 2
    rc, out = run_micropython(
        SCRIPT, src_lib_dirs(), heapsize="512k", args=("soak", hours), timeout=1800
    )
    assert rc == 0, out
    st = {}
    for k, v in printed_values(out).items():
        st[k] = v == "True" if v in ("True", "False") else int(float(v))
    check(st, hours, 5000)

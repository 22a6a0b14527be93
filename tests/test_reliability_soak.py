# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Soak under the virtual clock (issue 5): from one second before the 2**29 ms
tick wrap, two simulated days of schedules at 7 Hz and 80 Hz with every run
at its exact tick, plus thousands of cancellations and timeouts
(``mp_reliability.soak``: every 10 simulated seconds 8 workers of which 4
are cancelled mid-sleep, and 4 wait_for() calls of which about half time
out; each outcome and its time is checked).

- CPython, in ``make test``: twelve simulated hours across the wrap
  (3.76 M runs, 17280 cancellations, ~8600 timeouts; about 15 s of CPU on
  a 2-core CI machine); the full two days (15.03 M runs, 69120
  cancellations, ~34500 timeouts; about 60 s) in ``make nightly``.
- MicroPython VM, in ``make test``: two simulated hours across the wrap
  (576000 + 50400 runs, chaos every 5 s), about 3 s. The full two days
  (138240 cancellations, ~69000 timeouts) take about 55 s of CPU there, too
  much next to the CPython soak, so they run in ``make nightly``
  (``ASYNCCP_NIGHTLY=1``).
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
    hours = 48 if NIGHTLY else 12
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

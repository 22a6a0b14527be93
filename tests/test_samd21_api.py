# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Every public API in generator form, on the three runtimes: CircuitPython on
SAMD21 boards has no async syntax, so every call must work from a generator
task there.

tests/samd21_api.py uses every public call the way a SAMD21 board must
(no async syntax) and checks each result. It runs here on CPython, on
MicroPython's unix port, and on the 32-bit MicroPython VM with a
``supervisor`` module (so asynccp takes its CircuitPython code paths: the
tuple-iterator delay, ``supervisor.ticks_ms``) and a SAMD21's 1536-byte
Python stack; the three logs must be the same, line for line.

What the VM cannot show (SAMD21.md's missing attributes, operators that
never reach Python, no long ints) the build checks in the sources instead
(tools/boardcheck.py, tests/test_boardcheck.py).
"""

import subprocess
import sys
from pathlib import Path

import pytest
from mpy_runner import MPY_LIB_DIRS, run_micropython_code, src_lib_dirs
from wasm_runner import MPY_LIB_DIRS as WASM_LIB_DIRS
from wasm_runner import run_wasm

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = (ROOT / "tests" / "samd21_api.py").read_text(encoding="utf-8")
SRC = ROOT / "src"


def _cpython():
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": ""},
        check=False,
        cwd="/",
    )
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def reference():
    rc, out = _cpython()
    assert rc == 0, out
    return out


def _lines(out):
    return [line for line in out.splitlines() if line.startswith(("ok ", "DONE "))]


def test_the_script_checks_every_feature(reference):
    lines = _lines(reference)
    assert lines[-1] == f"DONE {len(lines) - 1}"
    assert len(lines) > 40
    for feature in (
        "run_later",
        "cancel",
        "exception handler",
        "suspend",
        "run_for",
        "80 Hz",
        "change_rate",
        "negated",
        "times",
        "ManagedResource",
        "ManagedSpi",
        "Event, Lock, Semaphore, Queue",
        "wait_for",
        "Tracer",
        "0.1.x",
    ):
        assert any(feature in line for line in lines), feature


def test_micropython_unix_gives_the_same_log(reference):
    rc, out = run_micropython_code(SCRIPT, MPY_LIB_DIRS)
    assert rc == 0, out
    assert _lines(out) == _lines(reference)


def test_micropython_from_sources_gives_the_same_log(reference):
    rc, out = run_micropython_code(SCRIPT, src_lib_dirs())
    assert rc == 0, out
    assert _lines(out) == _lines(reference)


def test_32bit_vm_on_circuitpythons_code_paths_gives_the_same_log(reference):
    """With a SAMD21's pystack (1536 bytes) and without the builtins and
    modules a SAMD21 board lacks (wasm_runner.samd21_lib): a call of one
    raises NameError as on the board."""
    code = "import asynccp.core\nprint('cp', asynccp.core._TUPLE_ITER)\n" + SCRIPT
    rc, out = run_wasm(code, WASM_LIB_DIRS, samd21=True)
    assert rc == 0, out
    assert "cp True" in out
    assert _lines(out) == _lines(reference)


def test_the_vm_lacks_what_a_samd21_board_lacks():
    """What the run above relies on: the VM raises where a board raises."""
    code = (
        "class O:\n    pass\n\n\no = O()\no.x = 1\n"
        "try:\n    delattr(o, 'x')\nexcept NameError as e:\n    print('NameError', e)\n"
        "try:\n    frozenset((1,))\nexcept NameError:\n    print('NameError frozenset')\n"
        "for m in ('json', 'errno', 'select'):\n"
        "    try:\n        __import__(m)\n    except ImportError as e:\n        print(e)\n"
    )
    rc, out = run_wasm(code, [], samd21=True)
    assert (rc, out.splitlines()) == (
        0,
        [
            "NameError name 'delattr' isn't defined",
            "NameError frozenset",
            "no module named 'json'",
            "no module named 'errno'",
            "no module named 'select'",
        ],
    )
    rc, out = run_wasm("o = type('O', (), {})()\no.x = 1\ndelattr(o, 'x')\nprint(frozenset)", [])
    assert rc == 0, "the VM has them all unless told"


# -- what an await of a delay allocates, per runtime ------------------------------------
# (a task awaits in a loop: garbage made at each await fills a small board's heap)

ALLOC = (ROOT / "tests" / "delay_alloc.py").read_text(encoding="utf-8")


def _per_await(out):
    lines = [x.split() for x in out.splitlines() if x.startswith("per-await")]
    return [float(x[2]) for x in lines]


def test_a_delay_allocates_nothing_on_micropython():
    rc, out = run_micropython_code(ALLOC, MPY_LIB_DIRS)
    assert rc == 0, out
    assert _per_await(out) == [0.0, 0.0]


def test_a_delay_allocates_one_small_iterator_on_circuitpythons_path():
    """On CircuitPython a delay's await takes a tuple iterator (16 bytes on a
    32-bit board) where raising its prebuilt StopIteration would cost a new
    traceback object each time (32 bytes there: CircuitPython's behaviour,
    measured on CircuitPython, not here). Measured here: the 32-bit VM on
    asynccp's CircuitPython path."""
    rc, out = run_wasm(ALLOC, WASM_LIB_DIRS)
    assert rc == 0, out
    assert _per_await(out) == [16.0, 16.0], out

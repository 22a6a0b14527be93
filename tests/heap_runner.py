# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Run a whole program in a heap that raises MemoryError, as a board does.

A SAMD21 board runs ``code.py`` from source in about 18-19 KB of heap: the
compiler's work on the program, every module it imports (each ``.mpy`` is
copied into the heap), what they keep, the garbage they make and the holes
it leaves all come out of that heap, and an allocation that finds no room,
even after a collection, is a MemoryError. The 32-bit VM (wasm_runner) cannot
show this: it grows its heap and collects only between calls. MicroPython's
unix port with ``-X heapsize=N`` can: it runs the program the way a board
does, in a heap of exactly N bytes. It is 64-bit, so it needs more heap than
a board for the same program (pointers and objects are twice the size,
bytecode and strings are not): bundle.toml's ``[[program]]`` tables give, for
each program, the figure on this port and on the SAMD21 build for the same
code, and the heap budget on this port is the board's budget scaled by that.

Usage::

    from heap_runner import run_in_heap, smallest_heap

    rc, out = run_in_heap("tests/samd21_small_app.py", 24000)
    n = smallest_heap("tests/samd21_small_app.py", 16000, 40000)

The library comes from ``build/micropython/lib`` (``make bundle``). Two small
modules (tests/heap_stub, compiled to ``.mpy``) stand in for the firmware's:
``supervisor`` (so asynccp takes its CircuitPython code paths and imports no
``adafruit_ticks``) and ``time``, whose ``ticks_ms`` and ``sleep_ms`` are a
virtual clock that moves when the program sleeps. A program then runs its
seconds in milliseconds, and identically each time: the same allocations in
the same order, so whether it fits a heap does not depend on how busy the
machine is. (Timing is what this leaves out: on a board a run can be late,
and garbage piles up differently; the budgets keep a margin for that.)
"""

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mpy_runner import MPY_LIB, micropython_binary

ROOT = Path(__file__).resolve().parent.parent
STUB_SRC = ROOT / "tests" / "heap_stub"
STUB_DIR = ROOT / "build" / "heap-stub"

#: How finely the smallest heap is found (the GC's block is 32 bytes on 64-bit).
STEP = 250


def stub_dir():
    """A folder with ``supervisor.mpy`` and ``time.mpy``, compiled from
    tests/heap_stub."""
    exe = Path(micropython_binary()).parent / "mpy-cross"
    for src in sorted(
        STUB_SRC.glob("*.py")
    ):  # (compiled once; a test session may race here harmlessly)
        out = STUB_DIR / f"{src.stem}.mpy"
        if not out.is_file() or out.stat().st_mtime < src.stat().st_mtime:
            STUB_DIR.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [str(exe), "-o", str(out), "-s", src.name, str(src)],
                check=True,
                capture_output=True,
            )
    return STUB_DIR


def _lib_folder(lib_dirs):
    """One folder holding the stubs and the library (lib_dirs merged, in
    order), made once per set of folders in this process (removed at exit)."""
    key = tuple(str(Path(d).resolve()) for d in lib_dirs)
    with _LOCK:
        if key not in _LIBS:
            out = Path(tempfile.mkdtemp(prefix="heap-lib-"))
            atexit.register(shutil.rmtree, out, True)
            shutil.copytree(stub_dir(), out, dirs_exist_ok=True)
            for d in key:
                shutil.copytree(d, out, dirs_exist_ok=True)
            _LIBS[key] = out
        return _LIBS[key]


_LIBS = {}
_LOCK = threading.Lock()


def run_in_heap(program, heapsize, lib_dirs=(MPY_LIB,), timeout=120):
    """Run ``program`` (a path) as one script in a heap of ``heapsize`` bytes:
    ``(returncode, output)``. Nothing of the host's is on the path.

    It runs as a board runs it: as ``code.py``, with the library in
    ``lib`` beside it, both named by these short relative paths. The paths
    are interned strings in the heap (each module's ``__file__``), so where
    the checkout is would otherwise change the heap by a few bytes per
    module, and with them where the holes are: a program could fit in a
    heap on one machine and not on another."""
    lib = _lib_folder(lib_dirs)
    with tempfile.TemporaryDirectory(prefix="heap-") as tmp:
        os.symlink(lib, Path(tmp) / "lib")
        shutil.copyfile(program, Path(tmp) / "code.py")
        proc = subprocess.run(
            [micropython_binary(), "-X", f"heapsize={heapsize}", "code.py"],
            env={"MICROPYPATH": "lib", "PATH": os.environ.get("PATH", "")},
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    return proc.returncode, proc.stdout + proc.stderr


def runs_in(program, sizes, lib_dirs=(MPY_LIB,), jobs=None):
    """{heapsize: True if ``program`` runs to the end in it}, the sizes run
    side by side (the programs sleep most of the time)."""
    sizes = list(sizes)
    with ThreadPoolExecutor(jobs or min(4, len(sizes))) as ex:
        codes = ex.map(lambda n: run_in_heap(program, n, lib_dirs)[0], sizes)
        return dict(zip(sizes, (rc == 0 for rc in codes)))


def smallest_heap(program, lo, hi, step=STEP, lib_dirs=(MPY_LIB,)):
    """The smallest heap, in ``step`` bytes from ``lo``, from which the program
    runs in every heap up to ``hi``; None if it fails at ``hi``.

    Not the smallest heap it runs in once: a bigger heap moves the garbage
    collections, and with them the holes a large allocation must fit in, so a
    program can run in N bytes and fail in N + 500. A board's heap is what it
    is: a program fits if it runs in that heap and in the ones around it."""
    ok = runs_in(program, range(lo, hi + 1, step), lib_dirs)
    best = None
    for n in sorted(ok, reverse=True):
        if not ok[n]:
            break
        best = n
    return best

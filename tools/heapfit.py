# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The smallest heap a whole program runs in on MicroPython's unix port,
measured the way bundle.toml's ``unix_at`` figures were.

A program's smallest heap on a board or on this port is chaotic: where the
holes fall moves with every byte allocated before them, so the same program
can need 1000 bytes more after a change that adds 16. This tool measures it
in 1000-byte steps (as the SAMD21 figures in the shared SAMD21.md were) for
the program as it is and with 16, 32, ... 192 bytes allocated before it
(``_p = bytearray(n)`` prepended), and gives the median: a figure that one
lucky or unlucky layout does not decide.

Usage (after ``make bundle``; ``--lib`` a folder holding ``asynccp``
compiled for MicroPython, by default ``build/micropython/lib``)::

    .venv/bin/python tools/heapfit.py tests/samd21_seed_app.py [--lib DIR]

To measure an older commit, compile its ``src/asynccp`` with mpy-cross into
a folder and pass that as ``--lib``.
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from heap_runner import runs_in  # noqa: E402
from mpy_runner import MPY_LIB  # noqa: E402

PADS = [0, *range(16, 193, 16)]


def smallest(program, lib, lo=8000, hi=80000, step=1000):
    """The smallest heap (in ``step`` bytes from ``lo``) ``program`` runs in."""
    ok = runs_in(program, range(lo, hi + 1, step), (lib,), jobs=8)
    return next((n for n in sorted(ok) if ok[n]), None)


def heapfit(program, lib=MPY_LIB, step=1000):
    """(median, {pad: smallest heap}) over the layouts, in ``step`` bytes
    (below 1000: within the 1000 bytes below the coarse figure)."""
    text = Path(program).read_text(encoding="utf-8")
    found = {}
    with tempfile.TemporaryDirectory() as d:
        for pad in PADS:
            p = Path(d) / f"p{pad}.py"
            p.write_text((f"_p = bytearray({pad})\n" if pad else "") + text, encoding="utf-8")
            n = smallest(p, lib)
            if step < 1000 and n:
                n = smallest(p, lib, n - 1000, n, step)
            found[pad] = n
    return int(statistics.median(found.values())), found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("programs", nargs="+")
    ap.add_argument("--lib", default=str(MPY_LIB))
    ap.add_argument("--step", type=int, default=1000, help="bytes (1000: as SAMD21.md)")
    args = ap.parse_args()
    for prog in args.programs:
        med, found = heapfit(prog, Path(args.lib), args.step)
        print(f"{prog}: median {med}  ({' '.join(f'{k}:{v}' for k, v in found.items())})")


if __name__ == "__main__":
    main()

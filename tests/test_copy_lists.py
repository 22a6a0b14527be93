# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The lists of files to copy to a board are what the programs import.

An example whose docstring says "Copy to the board" is run as a board runs
it: as ``code.py`` on MicroPython's unix port, with exactly the listed
``.mpy`` files in ``lib/asynccp`` (from ``make bundle``'s
``build/micropython``), CircuitPython's ``supervisor`` (so asynccp takes its
board code paths), stand-ins for ``board``, ``digitalio`` and ``analogio``,
and a virtual clock that ends the run after 6 s (tests/board_stub). It must
run to the end and print what it does; with any one listed file left out it
must fail (an ImportError, or the package without
__init__ missing its names): the list is complete and has nothing a board need not hold.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mpy_runner import MPY_LIB, micropython_binary

ROOT = Path(__file__).resolve().parent.parent
STUBS = [
    *sorted((ROOT / "tests" / "board_stub").glob("*.py")),
    ROOT / "tests" / "heap_stub" / "supervisor.py",
]
LISTED = [
    p for p in sorted((ROOT / "examples").glob("*.py")) if "Copy to the board" in p.read_text()
]


def copy_list(example):
    """The .mpy files an example's docstring says to copy, as module names."""
    text = example.read_text(encoding="utf-8").split("Copy to the board", 1)[1]
    return re.findall(r"(\w+)\.mpy", text.split(".)", 1)[0].split(")", 1)[0])


def run_on_board(example, modules, tmp):
    """Run ``example`` as code.py with only ``modules`` in lib/asynccp."""
    lib = tmp / "lib"
    (lib / "asynccp").mkdir(parents=True)
    for m in modules:
        shutil.copyfile(MPY_LIB / "asynccp" / f"{m}.mpy", lib / "asynccp" / f"{m}.mpy")
    for stub in STUBS:
        shutil.copyfile(stub, lib / stub.name)
    shutil.copyfile(example, tmp / "code.py")
    proc = subprocess.run(
        [micropython_binary(), "code.py"],
        env={"MICROPYPATH": "lib", "PATH": os.environ.get("PATH", "")},
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def test_the_generator_example_has_a_list():
    assert [p.name for p in LISTED] == ["asynccp_generator_tasks.py"]
    assert copy_list(LISTED[0])[:3] == ["__init__", "core", "delay"]


@pytest.mark.parametrize("example", LISTED, ids=lambda p: p.stem)
def test_an_example_runs_with_only_its_listed_files(example, tmp_path):
    rc, out = run_on_board(example, copy_list(example), tmp_path)
    assert rc == 0, out
    lines = out.splitlines()
    # 6 s: the LED every 0.5 s, the sensor's average once a second, and each
    # heartbeat's two lines together, while the console is shared
    assert lines.count("LED on") + lines.count("LED off") == 12, out
    assert sum(1 for x in lines if x.startswith("sensor average")) == 6, out
    begins = [i for i, x in enumerate(lines) if x.endswith(" begin")]
    assert len(begins) == 3, out
    for i in begins:
        assert lines[i + 1] == lines[i].replace("begin", "end"), out


@pytest.mark.parametrize("example", LISTED, ids=lambda p: p.stem)
def test_each_listed_file_is_needed(example, tmp_path):
    listed = copy_list(example)
    for i, m in enumerate(listed):
        rc, out = run_on_board(example, listed[:i] + listed[i + 1 :], tmp_path / m)
        assert rc != 0 and "Error" in out, (m, out)

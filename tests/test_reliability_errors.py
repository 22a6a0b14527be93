# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The bad-input table in docs/errors.rst: bad inputs and the error each gets,
each one tested, so users can look up an error and trust what it says.

The table is the test's data: every row is parsed from the .rst and run as
written, on CPython (one test per row) and in one MicroPython VM run, so the
table cannot go stale: a row whose code no longer raises its error fails.
"""

import functools
import re
from pathlib import Path

import pytest
from mpy_runner import run_micropython_code, src_lib_dirs

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "docs" / "errors.rst"

WHERE = {"outside a task": "call", "in a task": "task", "from ``run()``": "run"}

# The names the page says every row may use. Plain code for both VMs.
SETUP = """
import asynccp
from asynccp import Duration
from asynccp.testing import VirtualClock

loop = asynccp.Loop(clock=VirtualClock())


async def blink():
    await asynccp.delay(1)


def job():
    yield


def f():
    pass


class Foreign:
    def __await__(self):
        yield "not asynccp's"

    __iter__ = __await__


foreign = Foreign()
ev = asynccp.Event()
q = asynccp.Queue(1)
q.put_nowait(0)
empty = asynccp.Queue(1)
lock = asynccp.Lock()
res = asynccp.ManagedResource("bus")
h = res.handle()
st = asynccp.Loop(clock=VirtualClock()).schedule(1, f)


async def waits_forever():
    await ev.wait()
"""

# Runs one row in a fresh namespace made by SETUP; returns the name of the
# exception class raised where the row says, or a description of what else
# happened. Plain code for both VMs.
RUNNER = """
def run_row(setup, code, where):
    env = {}
    exec(setup, env)
    loop = env["loop"]
    try:
        if where == "call":
            if code.startswith("await "):
                # awaited outside asynccp's loop: drive it by hand
                next(iter(eval(code[6:], env)))
            else:
                exec(code, env)
            return "no error"
        if where == "task":
            exec("async def _row(box):\\n    me = box[0]\\n    " + code + "\\n", env)
            box = []
            seen = []
            loop.set_exception_handler(lambda t, e: seen.append(e))
            box.append(loop.add_task(env["_row"](box)))
            loop.run()
            if seen:
                raise seen[0]
            return "no error"
        exec(code, env)
        loop.run()
        return "no error from run()"
    except Exception as e:
        return type(e).__name__
"""


def rows():
    """(code, where, error) for every row of the table."""
    text = TABLE.read_text()
    out = []
    for m in re.finditer(
        r"^   \* - ``(.+?)``\n     - (.+?)\n     - ``(.+?)``\n", text, flags=re.MULTILINE
    ):
        code, where, error = m.groups()
        out.append((code, WHERE[where], error.rpartition(".")[2]))
    return out


ROWS = rows()


def test_the_table_is_there_and_parsed_whole():
    text = TABLE.read_text()
    n_rows = text.count("\n   * - ") - 1  # less the header row
    assert len(ROWS) == n_rows >= 40
    assert len({code for code, _, _ in ROWS}) == len(ROWS), "a row appears twice"


def _run_cpython(code, where):
    ns = {}
    exec(RUNNER, ns)
    return ns["run_row"](SETUP, code, where)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # coroutines made for a failing call
@pytest.mark.parametrize("code, where, error", ROWS, ids=[r[0] for r in ROWS])
def test_row_raises_its_error_on_cpython(code, where, error):
    assert _run_cpython(code, where) == error


@functools.lru_cache(maxsize=None)
def micropython_results():
    script = (
        RUNNER
        + "\nSETUP = "
        + repr(SETUP)
        + "\nROWS = "
        + repr([(c, w) for c, w, _ in ROWS])
        + "\nfor i, (c, w) in enumerate(ROWS):\n    print('ROW', i, run_row(SETUP, c, w))\n"
    )
    rc, out = run_micropython_code(script, src_lib_dirs(), heapsize="512k")
    got = dict(re.findall(r"^ROW (\d+) (.+)$", out, flags=re.MULTILINE))
    return rc, out, got


@pytest.mark.parametrize("i", range(len(ROWS)), ids=[r[0] for r in ROWS])
def test_row_raises_its_error_on_micropython(i):
    rc, out, got = micropython_results()
    assert rc == 0, out
    assert str(i) in got, out
    assert got[str(i)] == ROWS[i][2], f"{ROWS[i][0]}: {got[str(i)]}"

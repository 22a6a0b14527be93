# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Real programs on asynccp.asyncio's streams, unchanged: microdot 2.7.0 from
PyPI, unmodified, serving 1,000 requests (good ones, 404s, POST bodies,
malformed ones) on CPython and on MicroPython's unix port while an 80 Hz
schedule in the same program keeps its count (tests/net_microdot_app.py);
and streams and ThreadSafeFlag on MicroPython (tests/mp_net.py), also with the
heap locked (tests/mp_heap_lock.py). Each peer
listens on a free loopback port and ends with its program."""

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mpy_runner import run_micropython, src_lib_dirs
from ports import free_port

HERE = Path(__file__).resolve().parent
N = 1000


def microdot_dir(tmp_path):
    """A folder holding only the installed microdot package (for the VM's path)."""
    src = Path(importlib.util.find_spec("microdot").origin).parent
    shutil.copytree(src, tmp_path / "microdot")
    return tmp_path


def check(out):
    m = re.search(r"ok (\d+) bad (\d+) ticks (\d+) expected (\d+) late (-?\d+)", out)
    assert m, out[-3000:]
    ok, bad, ticks, expected, late = map(int, m.groups())
    print(f"80 Hz schedule, worst lateness over {N} requests: {late} ms")
    assert ok == N  # every request answered as it should be
    assert bad == N // 5  # every malformed one answered with an error (or closed)
    assert abs(ticks - expected) <= 1  # one run per due time passed: none lost (BURST)


def test_microdot_on_cpython_with_an_80hz_schedule():
    out = subprocess.run(
        [sys.executable, str(HERE / "net_microdot_app.py"), str(free_port()), str(N)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    check(out.stdout)


def test_microdot_on_micropython_with_an_80hz_schedule(tmp_path):
    rc, out = run_micropython(
        HERE / "net_microdot_app.py",
        [*src_lib_dirs(), microdot_dir(tmp_path)],
        args=[free_port(), N],
        timeout=300,
    )
    assert rc == 0, out[-3000:]
    check(out)


def test_streams_and_thread_safe_flag_on_micropython():
    rc, out = run_micropython(HERE / "mp_net.py", src_lib_dirs(), args=[free_port(), free_port()])
    assert rc == 0, out
    assert out.split("\n")[:7] == [
        "echo b'HELLO\\nabcdefg'",
        "timeout",
        "after b'late\\n' b''",
        "refused 111",
        "closed True",
        "flag event",
        "event from outside True",
    ]


def test_waiting_switching_sleeping_and_wake_ups_with_the_heap_locked_on_micropython():
    rc, out = run_micropython(HERE / "mp_heap_lock.py", src_lib_dirs())
    assert rc == 0, out
    assert out.strip() == "heap locked: True True ['event', 'flag']"

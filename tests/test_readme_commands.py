# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Every shell command README.md gives works as written there.

The commands are read from README.md itself: the lines of its ``sh`` code
blocks and each inline code span that starts like a command. Each must be in
COMMANDS below: run here, exactly as written (``sh -c``, from the
repository's folder; the ones README says need the venv active or the
package installed run with ``.venv/bin`` first on PATH, which is what
``. .venv/bin/activate`` and ``pip install`` give), or not run, with the
reason and the test that covers it instead. A command added to the README
and not to COMMANDS fails the first test.
"""

import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
VENV_BIN = Path(sys.executable).parent

_STARTS = ("make", "git ", "cd ", "pip ", "circup", "python", ".venv/", ". ", "asynccp-")
_ENV = re.compile(r"^[A-Z_]+=\S* ")


def readme_commands():
    """The commands README.md gives, in order, each once."""
    text = README.read_text()
    found = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line:
                found.append(line)
    for span in re.findall(r"`([^`\n]+)`", text):
        if span.startswith(_STARTS) or _ENV.match(span):
            found.append(span)
    return list(dict.fromkeys(found))


RUN = "run"

#: command -> RUN, or why it is not run here (and what covers it instead)
COMMANDS = {
    "make": RUN,
    "make docs": RUN,
    "BLINKA_OS_AGNOSTIC=1 .venv/bin/python examples/asynccp_simpletest.py": RUN,
    ". .venv/bin/activate": RUN,
    "python examples/...": RUN,  # (the same, with the venv active: run with the simple test)
    "asynccp-timeline trace.csv -o timeline.png": RUN,
    "asynccp-timeline": RUN,  # (that command)
    ".venv/bin/asynccp-timeline": RUN,
    "python -m asynccp.timeline": RUN,
    "make bundle": "`make test` runs it right before pytest (test_make_test_builds_first)",
    "make test": "this test runs inside it",
    "make venv": "`make bundle` and `make test` depend on it, so it ran before this test",
    "make bench": "minutes of timings, not a test (its `--quick` smoke run is no check either)",
    "ASYNCCP_VERSION=X.Y.Z make bundle": "X.Y.Z stands for a version; a second full build "
    "(test_build_failures.py runs make bundle with ASYNCCP_VERSION set)",
    "git clone https://github.com/asynccp/CircuitPython_asynccp.git": "needs the network; "
    "test_build_community_bundle.py clones this checkout and builds the clone",
    "cd CircuitPython_asynccp": "follows the clone above",
    "circup install asynccp": "needs the network and a board; test_build_circup.py runs "
    "circup install offline from the built bundles onto a fake board",
    "circup bundle-add asynccp/CircuitPython_asynccp": "needs the network (GitHub releases)",
    "circup bundle-add": "(that command)",
    "circup freeze": "needs a board; test_build_circup.py runs it on a fake board",
    "pip install circuitpython-asynccp": "needs the network and a release on PyPI; "
    "test_build_outputs.py installs the built wheel and imports it",
    'pip install "circuitpython-asynccp[timeline]"': "needs the network and a release on "
    "PyPI; test_build_outputs.py runs asynccp-timeline from the built wheel",
}


def test_every_command_in_the_readme_is_run_or_says_why_not():
    found = readme_commands()
    assert "BLINKA_OS_AGNOSTIC=1 .venv/bin/python examples/asynccp_simpletest.py" in found
    missing = [c for c in found if c not in COMMANDS]
    assert not missing, f"README.md gives commands this test does not know: {missing}"
    gone = [c for c in COMMANDS if c not in found]
    assert not gone, f"no longer in README.md: {gone}"


def test_make_test_builds_first():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: bundle$", makefile, re.M)


def sh(command, cwd=ROOT, venv=False, out=subprocess.PIPE, **kwargs):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # as a user's shell has it: no help from pytest
    env["PYTHONUNBUFFERED"] = "1"  # (so the output can be read while it runs)
    if venv:  # what `. .venv/bin/activate` or a pip install puts on PATH
        env["PATH"] = os.pathsep.join([str(VENV_BIN), env.get("PATH", "")])
    return subprocess.Popen(
        ["sh", "-c", command],
        cwd=cwd,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def test_make_and_make_docs():
    p = sh("make")
    out, _ = p.communicate(timeout=60)
    assert p.returncode == 0 and "make bundle" in out, out
    p = sh("make docs")
    out, _ = p.communicate(timeout=600)
    assert p.returncode == 0, out
    assert "docs: docs/_build/html/index.html" in out
    assert (ROOT / "docs" / "_build" / "html" / "index.html").is_file()


def run_until(command, text, tmp_path):
    """Start a program that runs for ever, wait for ``text`` in its output,
    stop it; its output."""
    log = tmp_path / "out.txt"
    with open(log, "w") as f:
        p = sh(command, out=f, start_new_session=True)
        deadline = time.monotonic() + 60  # usually about a second
        try:
            while time.monotonic() < deadline and p.poll() is None:
                if text in log.read_text():
                    break
                time.sleep(0.1)
        finally:
            if p.poll() is None:
                os.killpg(p.pid, 9)
            p.wait()
    return log.read_text()


@pytest.mark.parametrize(
    "command",
    [
        "BLINKA_OS_AGNOSTIC=1 .venv/bin/python examples/asynccp_simpletest.py",
        ". .venv/bin/activate && BLINKA_OS_AGNOSTIC=1 python examples/asynccp_simpletest.py",
    ],
)
def test_the_simple_test_runs_on_blinka(command, tmp_path):
    out = run_until(command, "count 2", tmp_path)
    assert "count 1\ncount 2" in out, out
    assert "Traceback" not in out, out


@pytest.fixture(scope="module")
def trace_csv(tmp_path_factory):
    import asynccp
    from asynccp import core
    from asynccp.testing import virtual_loop
    from asynccp.trace import Tracer

    saved = core._default
    try:
        loop = virtual_loop()
        tracer = Tracer(64)
        tracer.watch_all()

        async def blink():
            for _ in range(5):
                await asynccp.delay(0.1)

        asynccp.add_task(blink())
        loop.run_for(1)
    finally:
        core._default = saved
    d = tmp_path_factory.mktemp("trace")
    buf = io.StringIO()
    tracer.dump(buf)
    (d / "trace.csv").write_text(buf.getvalue())
    return d


@pytest.mark.parametrize(
    "command, venv",
    [
        # in the folder with the trace, the command installed (on PATH)
        ("asynccp-timeline trace.csv -o timeline.png", True),
        ("python -m asynccp.timeline trace.csv -o timeline.png", True),
        # in this repository's folder, the venv's command
        (".venv/bin/asynccp-timeline {d}/trace.csv -o {d}/timeline.png", False),
    ],
)
def test_asynccp_timeline_draws_a_trace(trace_csv, command, venv):
    out = trace_csv / "timeline.png"
    out.unlink(missing_ok=True)
    cwd = ROOT if command.startswith(".venv/") else trace_csv
    p = sh(command.format(d=trace_csv), cwd=cwd, venv=venv)
    text, _ = p.communicate(timeout=120)
    assert p.returncode == 0, text
    assert out.stat().st_size > 1000

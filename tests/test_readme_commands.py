# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Every shell command README.md gives works as written there (and the
tracing guide's asynccp-timeline commands do too).

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
    "make docs": RUN,
    "BLINKA_OS_AGNOSTIC=1 .venv/bin/python examples/asynccp_simpletest.py": RUN,
    "make bundle": "`make test` runs it right before pytest (test_make_test_builds_first)",
    "make test": "this test runs inside it",
    "make bench": "minutes of timings, not a test (its `--quick` smoke run is no check either)",
    "circup install asynccp": "needs the network and a board; test_build_circup.py runs "
    "circup install offline from the built bundles onto a fake board",
    "circup bundle-add asynccp/CircuitPython_asynccp": "needs the network (GitHub releases)",
    "pip install circuitpython-asynccp": "needs the network and a release on PyPI; "
    "test_build_outputs.py installs the built wheel and imports it",
    "python -m http.server -d build/micropython": "serves until stopped; "
    "test_build_micropython.py serves build/micropython the same way and installs "
    "package.json from it with MicroPython's own mip",
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


def test_the_simple_test_runs_on_blinka_and_ends_by_itself():
    p = sh("BLINKA_OS_AGNOSTIC=1 .venv/bin/python examples/asynccp_simpletest.py")
    out, _ = p.communicate(timeout=60)  # it stops after 5 s on a computer
    assert p.returncode == 0, out
    assert "LED on\ncount 1\nLED off\n" in out, out
    assert "count 5" in out and "Traceback" not in out, out


# The tracing guide's commands (docs/guides/tracing.rst): the timeline command,
# installed and run as a module, and the checkout's own.


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

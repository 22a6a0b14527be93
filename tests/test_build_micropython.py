# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The MicroPython target's .mpy files (not the .py sources) on the real MicroPython VM."""

import contextlib
import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
from build_support import CFG, ROOT, built_version, source_modules
from mpy_runner import MPY_LIB_DIRS, run_micropython, run_micropython_code, src_lib_dirs

SCENARIOS = ROOT / "tests" / "mp_scenarios.py"


def _modname(m):
    parts = list(m.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


IMPORT_ALL = """
import sys
names = {names!r}
for name in names:
    try:
        __import__(name)
        mod = sys.modules[name]
        print("OK", name, getattr(mod, "__file__", "?"))
    except Exception as e:
        print("FAIL", name, type(e).__name__)
import {pkg}
print("VERSION", {pkg}.__version__)
"""


def _import_report(lib_dirs):
    names = [_modname(m) for m in source_modules()]
    rc, out = run_micropython_code(IMPORT_ALL.format(names=names, pkg=CFG.name), lib_dirs)
    assert rc == 0, out
    lines = out.split("\n")
    status = {}
    files = {}
    for line in lines:
        parts = line.split()
        if parts[:1] in (["OK"], ["FAIL"]):
            status[parts[1]] = parts[0] if parts[0] == "OK" else "FAIL " + parts[2]
            if parts[0] == "OK":
                files[parts[1]] = parts[2]
    version = next(line.split()[1] for line in lines if line.startswith("VERSION"))
    return status, files, version


def test_every_module_imports_from_mpy_as_from_py():
    """Each module imports from its .mpy on MicroPython exactly when its .py
    does (modules that need CircuitPython fail the same way in both), and the
    package reports the stamped version."""
    mpy_status, mpy_files, version = _import_report(MPY_LIB_DIRS)
    py_status, _, _ = _import_report(src_lib_dirs())
    assert mpy_status == py_status
    assert version == built_version()
    assert any(s == "OK" for s in mpy_status.values())
    for name, f in mpy_files.items():
        assert f.endswith(".mpy"), f"{name} was loaded from {f}, not an .mpy"
        assert Path(f).resolve().is_relative_to(MPY_LIB_DIRS[0].resolve())


def test_behavioural_scenarios_run_from_mpy():
    """The core behavioural scenarios (tests/mp_scenarios.py) on the
    built .mpy files: they must pass and print the same as on the .py sources."""
    if not SCENARIOS.is_file():
        pytest.fail(f"{SCENARIOS} is missing (the core tests provide it)")
    rc_py, out_py = run_micropython(SCENARIOS, src_lib_dirs())
    rc, out = run_micropython(SCENARIOS, MPY_LIB_DIRS)
    assert out.strip(), "the scenario script printed nothing"
    # First what the build is answerable for: the .mpy files behave as the sources.
    assert (rc, out) == (rc_py, out_py), "the .mpy files do not behave as the .py sources"
    # Then the scenarios themselves (a failure here fails on the sources too).
    assert "Traceback" not in out, out
    assert rc == 0, "scenarios fail (on the .py sources as well):\n" + out


@contextlib.contextmanager
def _serve(folder):
    """An HTTP server on 127.0.0.1 (a free port) serving `folder`, for mip."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


MIP_INSTALL = "import mip\nmip.install({url!r}, target={target!r})\n"


def test_mip_installs_package_json(tmp_path):
    """MicroPython's own mip installs build/micropython/package.json from a
    local web server: the asynccp files arrive byte for byte, and mip goes on
    to fetch the declared dependency from GitHub (no network here, so that
    step is checked again with its URL pointed at the built adafruit_ticks)."""
    mp = CFG.micropython_targets()[0]
    out = ROOT / "build" / mp.out
    lib = out / "lib"
    package = json.loads((out / "package.json").read_text(encoding="utf-8"))
    served = tmp_path / "www"
    shutil.copytree(out, served)
    local = dict(package)
    local["deps"] = [[f"lib/{d.module}.mpy", "main"] for d in CFG.dependencies if d.mip]
    (served / "local.json").write_text(json.dumps(local), encoding="utf-8")
    with _serve(served) as base:
        target = tmp_path / "real"
        rc, output = run_micropython_code(
            MIP_INSTALL.format(url=f"{base}/package.json", target=str(target)), []
        )
        for dep in CFG.dependencies:
            assert f"Downloading {dep.mip} to {target}" in output, output
        for m in source_modules():
            mpy = m.with_suffix(".mpy")
            assert (target / mpy).read_bytes() == (lib / mpy).read_bytes()

        target = tmp_path / "local"
        # mip resolves a dependency's relative URL against the index, so give it in full.
        local["deps"] = [[f"{base}/{u}", v] for u, v in local["deps"]]
        (served / "local.json").write_text(json.dumps(local), encoding="utf-8")
        rc, output = run_micropython_code(
            MIP_INSTALL.format(url=f"{base}/local.json", target=str(target)), []
        )
        assert rc == 0, output
    for dep in CFG.dependencies:
        name = f"{dep.module}.mpy"
        assert (target / name).read_bytes() == (lib / name).read_bytes()
    rc, output = run_micropython_code(
        f"import {CFG.name}\nprint({CFG.name}.__version__, {CFG.name}.__file__)\n", [target]
    )
    assert rc == 0, output
    version, where = output.split()
    assert version == built_version()
    assert where.startswith(str(target))

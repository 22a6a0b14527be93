# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""`make bundle` on copies of the project: broken sources, tags, bundle.toml targets."""

import shutil
import subprocess
import sys
import zipfile

import pytest
from build_support import (
    BUILD,
    CFG,
    ROOT,
    copy_project,
    git,
    make_bundle,
    source_modules,
    uses_fallback,
)

BROKEN = {
    "syntax": ("def broken(:\n    pass\n", 1, "syntax error"),
    # MicroPython 1.26+ folds this at compile time, older releases do not.
    "float_fold": ("def f(a):\n    return a, -0.5\n", 2, "-0.5"),
    "async_def": ("x = 1\n\n\nasync def work():\n    return 1\n", 4, "`async def`"),
    "await": ("def f():\n    pass\n\n\nasync def g(x):\n    await x\n", 5, "`async def`"),
    "async_with": (
        "def f():\n    pass\n\n\nasync def g(x):\n    async with x:\n        pass\n",
        6,
        "`async with`",
    ),
}


def _fallback_in_use():
    return any(uses_fallback(t) for t in CFG.circuitpython_targets())


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_source_fails_naming_the_file(tmp_path, case):
    source, line, words = BROKEN[case]
    if case != "syntax" and not _fallback_in_use():
        pytest.skip("CircuitPython's own mpy-cross is in use: async syntax is allowed")
    project = copy_project(tmp_path / "p")
    bad = project / "src" / CFG.name / "zz_broken.py"
    bad.write_text("# SPDX-License-Identifier: MIT\n" + source, encoding="utf-8")
    proc = make_bundle(project)
    assert proc.returncode != 0
    err = proc.stdout + proc.stderr
    if case == "float_fold":
        assert f"src/{CFG.name}/zz_broken.py: MicroPython's mpy-cross 1.29 compiles" in err, err
        assert f"line {line + 1}: -0.5" in err, err
    else:
        assert f"src/{CFG.name}/zz_broken.py:{line + 1}:" in err, err
        assert words in err, err
    assert not (project / "build" / "bundles").exists(), "nothing is bundled from a broken tree"


def test_shim_refuses_async_and_names_the_module(tmp_path):
    t = CFG.circuitpython_targets()[0]
    if not uses_fallback(t):
        pytest.skip("CircuitPython's own mpy-cross is in use")
    shim = BUILD / "cache" / "circuitpython-build-tools" / f"mpy-cross-{t.name}"
    src = tmp_path / "tmp123.py"
    src.write_text("async def f():\n    pass\n", encoding="utf-8")
    out = tmp_path / "o.mpy"
    proc = subprocess.run(
        [shim, "-o", out, "-s", f"{CFG.name}/coro.py", src], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert f"{CFG.name}/coro.py:1:1: `async def`" in proc.stderr
    assert not out.exists()
    version = subprocess.run([shim, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "mpy v6" in version.stdout
    src.write_text("def f(a):\n    return a * (1 / 3)\n", encoding="utf-8")
    folded = subprocess.run(
        [shim, "-o", out, "-s", f"{CFG.name}/third.py", src], capture_output=True, text=True
    )
    assert folded.returncode == 1
    assert f"{CFG.name}/third.py: MicroPython's mpy-cross 1.29 compiles it differently" in (
        folded.stderr
    )
    assert "line 2: 1 / 3" in folded.stderr and not out.exists()
    native = subprocess.run([shim, "-march=armv7m", "-o", out, src], capture_output=True, text=True)
    assert native.returncode != 0 and "native" in native.stderr


def test_tagged_checkout_and_extra_target(tmp_path):
    """At a tag X.Y.Z everything carries X.Y.Z; a [[target]] added to
    bundle.toml alone gives its zip and lib folder."""
    project = copy_project(tmp_path / "p")
    toml = project / "bundle.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + '\n[[target]]\nname = "12.x"\nkind = "circuitpython"\ntag = "12.0.0"\n'
        'out = "circuitpython-12.x"\ncompiler = "circuitpython"\n'
        'fallback = "micropython-as-circuitpython"\nmagic = "C"\nmpy_version = 6\n',
        encoding="utf-8",
    )
    git(project, "commit", "-q", "-am", "add 12.x")
    git(project, "tag", "7.8.9")
    proc = make_bundle(project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "12.x" in proc.stdout
    bundles = project / "build" / "bundles"
    for kind in ("9.x-mpy", "12.x-mpy", "py", "examples"):
        assert (bundles / f"{CFG.bundle_prefix}-{kind}-7.8.9.zip").is_file(), kind
    assert (bundles / f"{CFG.bundle_prefix}-7.8.9.json").is_file()
    lib12 = project / "build" / "circuitpython-12.x" / "lib"
    init = (lib12 / CFG.name / "__init__.mpy").read_bytes()
    assert init[:2] == b"C\x06" and b"7.8.9\x00" in init
    with zipfile.ZipFile(bundles / f"{CFG.bundle_prefix}-py-7.8.9.zip") as z:
        src = z.read(f"{CFG.bundle_prefix}-py-7.8.9/lib/{CFG.name}/__init__.py").decode()
    assert '__version__ = "7.8.9"' in src
    wheels = [p.name for p in (project / "build" / "dist").glob("*.whl")]
    assert wheels == [f"{CFG.pypi_name.replace('-', '_')}-7.8.9-py3-none-any.whl"]


def test_env_override_and_bad_version(tmp_path):
    project = copy_project(tmp_path / "p")
    bad = make_bundle(project, {"ASYNCCP_VERSION": "1.2"})
    assert bad.returncode != 0 and "ASYNCCP_VERSION" in bad.stderr
    git(project, "tag", "v1.0")  # not semver: build-tools cannot use it
    git(project, "commit", "-q", "--allow-empty", "-m", "after tag")
    proc = make_bundle(project)
    assert proc.returncode != 0
    assert "semver" in proc.stderr, proc.stderr


def test_named_circuitpython_compiler_is_used(tmp_path):
    """$ASYNCCP_MPY_CROSS_<NAME> names CircuitPython's mpy-cross: build-tools
    must call that file (with its -o/-s arguments) and the build must say so.
    A stand-in records its calls and forwards them to the fallback shim."""
    project = copy_project(tmp_path / "p")
    calls = tmp_path / "calls.log"
    fake = tmp_path / "cp-mpy-cross"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{calls}"\n'
        f'exec "{sys.executable}" "{ROOT / "tools" / "mpy_cross_cp.py"}" --as-magic C "$@"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    proc = make_bundle(project, {"ASYNCCP_MPY_CROSS_10_X": str(fake)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.strip().startswith("10.x "))
    assert f"CircuitPython's mpy-cross ($ASYNCCP_MPY_CROSS_10_X: {fake})" in line
    nine = next(x for x in proc.stdout.splitlines() if x.strip().startswith("9.x "))
    assert "byte 0 set to 'C'" in nine
    logged = calls.read_text(encoding="utf-8").splitlines()
    assert "--version" in logged
    for m in source_modules():
        assert any(f"-s {m.as_posix()} " in c and c.startswith("-o ") for c in logged), m

    missing = make_bundle(project, {"ASYNCCP_MPY_CROSS_10_X": str(tmp_path / "nope")})
    assert missing.returncode != 0 and "ASYNCCP_MPY_CROSS_10_X" in missing.stderr


LAYOUTS = {
    # circuitpython-build-tools would find no package: empty board zips
    "no_root_symlink": f"{CFG.name}: must be a symlink to src/{CFG.name}",
    # build-tools would ship the desktop-only subpackage to boards
    "desktop_only_as_real_folder": f"src/{CFG.name}/timeline: bundle.toml desktop_only names it",
    # a symlinked folder bundle.toml does not name would silently miss the boards
    "unnamed_symlinked_folder": f"src/{CFG.name}/extra: a symlinked folder",
}


@pytest.mark.parametrize("case", sorted(LAYOUTS))
def test_layout_build_tools_cannot_read_fails(tmp_path, case):
    project = copy_project(tmp_path / "p")
    pkg = project / "src" / CFG.name
    if case == "no_root_symlink":
        (project / CFG.name).unlink()
    elif case == "desktop_only_as_real_folder":
        target = (pkg / "timeline").resolve()
        (pkg / "timeline").unlink()
        shutil.copytree(target, pkg / "timeline")
    else:
        (pkg / "extra").symlink_to("../desktop-only")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", case)
    proc = make_bundle(project)
    assert proc.returncode != 0, proc.stdout
    assert LAYOUTS[case] in proc.stderr, proc.stderr
    assert not (project / "build" / "bundles").exists()

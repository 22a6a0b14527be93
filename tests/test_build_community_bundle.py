# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The CircuitPython Community Bundle's own build, unmodified, ships asynccp.

A throwaway bundle repository is made in a temporary folder the way the
Community Bundle is: this project is the git submodule
``libraries/helpers/asynccp`` (a fresh clone of this checkout's HEAD, its
``origin`` the project's URL as in the bundle's .gitmodules, at the release
tag make bundle used: the bundle's submodule update checks out the newest
tag), and the pinned ``circuitpython-build-bundles`` runs there with exactly
the Community Bundle's arguments::

    circuitpython-build-bundles --filename_prefix circuitpython-community-bundle \\
        --library_location libraries --library_depth 2

Nothing of tools/build.py takes part: the only help is the compiler
build-tools finds in ``$XDG_CACHE_HOME/circuitpython-build-tools/mpy-cross-<x>``
(make bundle's, from build/cache: CircuitPython's own, or MicroPython's
standing in for it; there is no network to fetch one). The stand-in uses
make bundle's cache of what it compiled (docs/releasing.rst, "Building
again"), so a module make bundle compiled is not checked and compiled again.

Then every board module must be in the py zip and in each .mpy zip, stamped
with the version, byte for byte what make bundle built, with no desktop-only
module; and circup --offline installs asynccp from that bundle onto fake 9.x
and 10.x boards, giving exactly build/circuitpython-<x>/lib/asynccp.

If the work tree has changes not committed yet, they are committed on top of
the clone first (so the test checks what HEAD would be with them; in CI the
tree is clean and the clone is HEAD as it is).
"""

import os
import re
import shutil
import subprocess
import zipfile

import pytest
from build_support import (
    BUILD,
    CFG,
    ROOT,
    VENV_BIN,
    built_version,
    bundle_zip,
    circup_device,
    dependency_bundles,
    git,
    read_json,
    source_modules,
    tree_bytes,
)

PREFIX = "circuitpython-community-bundle"
BUNDLE_TAG = "20260101"  # the Community Bundle tags its releases by date
SUBMODULE = "libraries/helpers/asynccp"  # where the Community Bundle has asynccp
ARGS = [
    "--filename_prefix",
    PREFIX,
    "--library_location",
    "libraries",
    "--library_depth",
    "2",
]


def _git_out(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True).stdout.decode(
        "utf-8", "surrogateescape"
    )


def _commit_work_tree_changes(clone):
    """Make `clone` hold this work tree's files (tracked and untracked, not
    ignored) and commit them if anything differs. Returns whether it did."""
    listed = _git_out(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    wanted = {n for n in listed.split("\0") if n and os.path.lexists(ROOT / n)}
    for name in _git_out(clone, "ls-files", "-z").split("\0"):
        if name and name not in wanted:
            (clone / name).unlink()
    for name in wanted:
        src, dst = ROOT / name, clone / name
        if dst.is_symlink() or dst.is_file():
            dst.unlink()
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        elif src.is_file():
            shutil.copy2(src, dst)
    git(clone, "add", "-A")
    if subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=clone).returncode == 0:
        return False
    git(clone, "commit", "-q", "--no-verify", "-m", "the work tree's uncommitted changes")
    return True


@pytest.fixture(scope="module")
def community(tmp_path_factory):
    """The throwaway Community Bundle, built: (bundle folder, output folder)."""
    version = built_version()
    tmp = tmp_path_factory.mktemp("community")
    bundle = tmp / "CircuitPython_Community_Bundle"
    bundle.mkdir()
    git(bundle, "init", "-q")
    head = _git_out(ROOT, "rev-parse", "HEAD").strip()
    git(bundle, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(ROOT), SUBMODULE)
    lib = bundle / SUBMODULE
    git(lib, "checkout", "-q", "--detach", head)
    _commit_work_tree_changes(lib)
    if version not in _git_out(lib, "tag", "--points-at", "HEAD").split():
        git(lib, "tag", "-f", version)
    # As in the real bundle: the submodule's URL is the project's repository.
    git(bundle, "config", "-f", ".gitmodules", f"submodule.{SUBMODULE}.url", CFG.repo)
    git(lib, "remote", "set-url", "origin", CFG.repo)
    git(bundle, "add", "-A")
    git(bundle, "commit", "-q", "-m", "Add asynccp")
    git(bundle, "tag", BUNDLE_TAG)

    cache = tmp / "xdg-cache"
    compilers = "circuitpython-build-tools"  # the mpy-cross-<x> files build-tools looks for
    shutil.copytree(BUILD / "cache" / compilers, cache / compilers)
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    proc = subprocess.run(
        [VENV_BIN / "circuitpython-build-bundles", *ARGS],
        cwd=bundle,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return bundle, bundle / "bundles"


def _lib_files(zip_path):
    """{path under lib/: bytes} of a bundle zip."""
    with zipfile.ZipFile(zip_path) as z:
        return {
            n.split("/", 2)[2]: z.read(n)
            for n in z.namelist()
            if n.count("/") >= 2 and n.split("/")[1] == "lib" and not n.endswith("/")
        }


def _mpy_targets():
    """The mpy zips the unmodified build-tools makes (its own target list)."""
    from circuitpython_build_tools.target_versions import VERSIONS

    names = [v["name"] for v in VERSIONS]
    assert {"9.x", "10.x", "11.x"} <= set(names)
    return names


def test_the_submodule_is_a_clone_with_the_repository_layout(community):
    bundle, _ = community
    lib = bundle / SUBMODULE
    assert (lib / ".git").is_file(), "not a submodule"
    assert (lib / CFG.name).is_symlink()
    assert (lib / "src" / CFG.name / "__init__.py").is_file()
    assert _git_out(lib, "describe", "--tags", "--exact-match").strip() == built_version()


def test_every_zip_ships_every_board_module_and_nothing_else(community):
    _, out = community
    want = {m.as_posix() for m in source_modules()}
    assert want and all(not m.startswith(f"{CFG.name}/timeline") for m in want)
    py = _lib_files(out / f"{PREFIX}-py-{BUNDLE_TAG}.zip")
    assert set(py) == want
    for name in _mpy_targets():
        mpy = _lib_files(out / f"{PREFIX}-{name}-mpy-{BUNDLE_TAG}.zip")
        assert set(mpy) == {re.sub(r"\.py$", ".mpy", m) for m in want}, name
        for data in mpy.values():
            assert data[:2] == b"C\x06", f"{name}: not a CircuitPython mpy v6 file"


def test_no_desktop_only_module_in_any_zip(community):
    _, out = community
    zips = sorted(out.glob("*.zip"))
    assert len(zips) == 2 + len(_mpy_targets())  # py, examples and one per target
    for z in zips:
        with zipfile.ZipFile(z) as f:
            for name in f.namelist():
                for entry in CFG.desktop_only:
                    assert f"/{CFG.name}/{entry}" not in name, f"{z.name}: {name}"


def test_version_is_stamped_from_the_tag(community):
    from circup.logging import logger
    from circup.shared import extract_metadata

    _, out = community
    version = built_version()
    init = _lib_files(out / f"{PREFIX}-py-{BUNDLE_TAG}.zip")[f"{CFG.name}/__init__.py"]
    assert f'__version__ = "{version}"' in init.decode()
    for name in _mpy_targets():
        data = _lib_files(out / f"{PREFIX}-{name}-mpy-{BUNDLE_TAG}.zip")[f"{CFG.name}/__init__.mpy"]
        path = out.parent / f"init-{name}.mpy"
        path.write_bytes(data)
        assert extract_metadata(str(path), logger)["__version__"] == version, name
    entry = read_json(out / f"{PREFIX}-{BUNDLE_TAG}.json")[CFG.name]
    assert entry["version"] == version
    assert entry["package"] is True and entry["path"] == f"lib/{CFG.name}"
    assert entry["pypi_name"] == CFG.pypi_name
    assert entry["external_dependencies"] == sorted(d.pypi_name for d in CFG.dependencies)


def test_same_files_as_make_bundle(community):
    """One path: make bundle's zips and the Community Bundle's hold the same
    library files, byte for byte."""
    _, out = community
    assert _lib_files(out / f"{PREFIX}-py-{BUNDLE_TAG}.zip") == _lib_files(bundle_zip("py"))
    for name in _mpy_targets():
        theirs = _lib_files(out / f"{PREFIX}-{name}-mpy-{BUNDLE_TAG}.zip")
        assert theirs == _lib_files(bundle_zip(f"{name}-mpy")), name
        built = tree_bytes(BUILD / f"circuitpython-{name}" / "lib" / CFG.name)
        assert theirs == {f"{CFG.name}/{n}": data for n, data in built.items()}, name


@pytest.mark.parametrize("platform", ["9.x", "10.x"])
def test_circup_installs_asynccp_from_the_community_bundle(community, tmp_path, platform):
    _, out = community
    device, circup = circup_device(
        tmp_path,
        platform,
        [
            ("adafruit/CircuitPython_Community_Bundle", out, PREFIX, BUNDLE_TAG),
            *dependency_bundles(),
        ],
    )
    proc = circup("install", CFG.name)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    built = BUILD / f"circuitpython-{platform}" / "lib"
    installed = tree_bytes(device / "lib" / CFG.name)
    assert installed, "circup installed no file of asynccp"
    assert installed == tree_bytes(built / CFG.name)
    for dep in CFG.dependencies:
        name = f"{dep.module}.mpy"
        assert (device / "lib" / name).read_bytes() == (built / name).read_bytes()
    freeze = circup("freeze")
    assert freeze.returncode == 0, freeze.stdout + freeze.stderr
    assert f"{CFG.name}=={built_version()}" in freeze.stdout.split()

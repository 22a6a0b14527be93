# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Shared by the tests of `make bundle` (tests/test_build_*.py)."""

import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

# the modules in tools/: tests import them from here
import boardcheck  # noqa: E402,F401
import bundleconf  # noqa: E402
import mpy_cross_cp  # noqa: E402,F401  (tests import it from here)

CFG = bundleconf.load(ROOT / "bundle.toml")
BUILD = ROOT / "build"
VENV_BIN = Path(sys.executable).parent


@functools.cache
def build_tool():
    """tools/build.py as a module (by its own name it would shadow PyPI's `build`)."""
    spec = importlib.util.spec_from_file_location("asynccp_build_tool", ROOT / "tools" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def built_version():
    """The version `make bundle` stamped (first line of build/VERSION.txt)."""
    path = BUILD / "VERSION.txt"
    if not path.is_file():
        pytest.fail("build/ is missing or stale: run `make bundle` first (make test does)")
    return path.read_text(encoding="utf-8").splitlines()[0]


def built_pep440_version():
    return (BUILD / "VERSION.txt").read_text(encoding="utf-8").splitlines()[1].split()[1]


def stamp(text, version):
    """Version stamping as circuitpython-build-tools does it (only __version__ lines)."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return "".join(
        (line.replace("0.0.0+auto.0", version) if line.startswith("__version__") else line) + "\n"
        for line in lines
    )


def source_modules():
    """asynccp/x.py paths (relative to src/) of every module that goes onto
    boards, listed as circuitpython-build-tools lists ./asynccp (the symlink to
    src/asynccp; bundle.toml's desktop_only subpackages are not followed)."""
    return bundleconf.modules(CFG)


def all_modules():
    """Every module of the package, desktop_only's included (the wheel's)."""
    return bundleconf.modules(CFG, boards=False)


def target(name):
    for t in CFG.targets:
        if t.name == name:
            return t
    raise KeyError(name)


def uses_fallback(t):
    """Whether `make bundle` compiled circuitpython target `t` with the MicroPython shim."""
    shim = BUILD / "cache" / "circuitpython-build-tools" / f"mpy-cross-{t.name}"
    head = shim.read_bytes()[:200]
    return head.startswith(b"#!/bin/sh\n# tools/build.py: MicroPython's mpy-cross")


def bundle_zip(kind, version=None):
    """build/bundles/<prefix>-<kind>-<version>.zip, kind '9.x-mpy', 'py', 'examples'."""
    version = version or built_version()
    return CFG.bundles_out / f"{CFG.bundle_prefix}-{kind}-{version}.zip"


# Files a copy of the project needs to run `make bundle` by itself.
PROJECT_FILES = [
    "Makefile",
    CFG.name,  # the symlink to src/asynccp that circuitpython-build-tools reads
    "bundle.toml",
    "pyproject.toml",
    "requirements.txt",
    "requirements-dev.txt",
    "LICENSE",
    "README.md",
    "tools",
    "src",
    "examples",
    "tests/mpy_runner.py",
    "tests/wasm_runner.py",
]

#: npm's install of the 32-bit VM (about 0.5 MB): copied with its stamp, as the
#: copy uses this .venv, so `make bundle` there does not run npm again.
MPWASM_MODULES = "tools/mpwasm/node_modules"


def copy_project(dest):
    """A git repository at `dest` with the project's build inputs (one commit, no tag)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.readlink(src), dest / name)
        elif src.is_dir():
            shutil.copytree(
                src,
                dest / name,
                symlinks=True,  # as git keeps them: src/asynccp/timeline stays a link
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules"),
            )
        elif src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)  # keep mtimes: the venv stamp stays up to date
    if (ROOT / MPWASM_MODULES).is_dir():
        shutil.copytree(ROOT / MPWASM_MODULES, dest / MPWASM_MODULES)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "copy")
    return dest


def git(cwd, *args):
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


#: The compiler shim's cache of this project's builds (tools/mpy_cross_cp.py).
MPY_CACHE = BUILD / "cache" / "results" / "mpy-cross-cp"


def make_bundle(project, env_extra=None, timeout=600):
    """`make bundle` in a project copy, using this project's .venv. Returns CompletedProcess.

    The copy's compiler shim uses this project's cache (unless $ASYNCCP_MPY_CACHE
    or `env_extra` name another): a module the copy compiles as this project
    did comes from it, anything else (a changed module, tools file or
    argument) is checked and compiled, and a refusal is never cached."""
    env = dict(os.environ)
    env.setdefault("ASYNCCP_MPY_CACHE", str(MPY_CACHE))
    env.update(env_extra or {})
    env.pop("MAKEFLAGS", None)
    venv = VENV_BIN.parent
    # -o: never (re)install into this project's venv from a copy, even when
    # pyproject.toml changed since the venv was made (that would point the
    # editable asynccp at the copy, which the test then deletes).
    return subprocess.run(
        ["make", "--no-print-directory", "-o", f"{venv}/.installed", "bundle", f"VENV={venv}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def read_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ circup
# circup reads bundles from its data folder ($XDG_DATA_HOME/circup): a
# bundle_config.json naming the bundles, circup.json with their local tags,
# and each bundle unpacked as <vendor>/<id>-<platform>/<id>-<platform>-<tag>/.
# That is what it leaves after downloading a release; here it is made from
# zips circuitpython-build-bundles wrote, and circup runs with --offline.

CIRCUP_BOARDS = {
    "9.x": "Adafruit CircuitPython 9.2.9 on 2025-09-01; Adafruit Feather M4 Express with samd51j19",
    "10.x": "Adafruit CircuitPython 10.0.3 on 2025-11-01; Raspberry Pi Pico with rp2040",
}
CIRCUP_PLATFORM_KEYS = {"9.x": "9mpy", "10.x": "10mpy", "11.x": "11mpy"}


def circup_bundle_id(repo_key):
    """What circup calls a bundle's zips: owner/Repo_Name -> repo-name."""
    return repo_key.split("/")[1].lower().replace("_", "-")


def dependency_bundles():
    """(repo key, folder, prefix, version) of each dependency's bundle in build/deps/bundles."""
    found = []
    for dep in CFG.dependencies:
        key = "/".join(dep.repo.removesuffix(".git").split("/")[-2:])
        for p in (BUILD / "deps" / "bundles").glob(f"{dep.bundle_prefix}-*.json"):
            version = p.name[len(dep.bundle_prefix) + 1 : -len(".json")]
            found.append((key, BUILD / "deps" / "bundles", dep.bundle_prefix, version))
            break
        else:
            raise AssertionError(f"no bundle JSON for {dep.pypi_name} in build/deps/bundles")
    return found


def circup_device(tmp_path, platform, bundles):
    """A fake CIRCUITPY drive for CircuitPython `platform` and a function running
    the pinned circup on it offline, with `bundles` ((repo key, folder, zip
    prefix, tag) each) unpacked where circup keeps downloaded bundles.
    Returns (device folder, circup(*args) -> CompletedProcess)."""
    data_home = tmp_path / "xdg-data"
    data_dir = data_home / "circup"
    data_dir.mkdir(parents=True)
    config, tags = {}, {}
    for key, folder, prefix, tag in bundles:
        vendor, bid = key.split("/")[0], circup_bundle_id(key)
        assert bid == prefix, f"circup would look for {bid}-*.zip, the build wrote {prefix}-*.zip"
        for pkey, name in (("py", "py"), (CIRCUP_PLATFORM_KEYS[platform], f"{platform}-mpy")):
            with zipfile.ZipFile(Path(folder) / f"{prefix}-{name}-{tag}.zip") as z:
                z.extractall(data_dir / vendor / f"{bid}-{pkey}")
        config[bid] = key
        tags[key] = [tag]
    (data_dir / "bundle_config.json").write_text(json.dumps(config), encoding="utf-8")
    (data_dir / "circup.json").write_text(json.dumps(tags), encoding="utf-8")
    device = tmp_path / "CIRCUITPY"
    (device / "lib").mkdir(parents=True)
    (device / "boot_out.txt").write_text(
        CIRCUP_BOARDS[platform] + "\nBoard ID:test_board\n", encoding="utf-8"
    )
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(data_home)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg-cache")
    env["HOME"] = str(tmp_path / "home")

    def circup(*args):
        return subprocess.run(
            [VENV_BIN / "circup", "--offline", "--path", device, *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )

    return device, circup


def tree_bytes(folder):
    """{relative path: bytes} of every file under `folder`."""
    folder = Path(folder)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }

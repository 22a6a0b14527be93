# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Shared by the tests of `make bundle` (tests/test_build_*.py)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import boardcheck  # noqa: E402,F401  (tests import it from here)
import bundleconf  # noqa: E402

CFG = bundleconf.load(ROOT / "bundle.toml")
BUILD = ROOT / "build"
VENV_BIN = Path(sys.executable).parent


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
    boards, by listing the folder (bundle.toml's board_exclude left out)."""
    return bundleconf.modules(CFG)


def all_modules():
    """Every module of the package, board_exclude's included (the wheel's)."""
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
]


def copy_project(dest):
    """A git repository at `dest` with the project's build inputs (one commit, no tag)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)  # keep mtimes: the venv stamp stays up to date
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


def make_bundle(project, env_extra=None, timeout=600):
    """`make bundle` in a project copy, using this project's .venv. Returns CompletedProcess."""
    env = dict(os.environ)
    env.update(env_extra or {})
    env.pop("MAKEFLAGS", None)
    venv = VENV_BIN.parent
    return subprocess.run(
        ["make", "--no-print-directory", "bundle", f"VENV={venv}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def read_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The docs build offline with warnings as errors, their pytest example passes,
every module is in the API reference, and the tree is REUSE-compliant."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SRC = ROOT / "src" / "asynccp"

# Not documented on their own: 0.1.x import paths (named in api.rst's last section)
ALIASES = {"time", "managed_resource"}


def test_sphinx_builds_offline_with_warnings_as_errors(tmp_path):
    out = tmp_path / "html"
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", DOCS, out],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "index.html").is_file()
    assert (out / "_images" / "timeline.png").stat().st_size > 10000
    api = (out / "api.html").read_text()
    assert "Add a coroutine (or generator) object to run as a new task" in api
    # nothing fetched at build time: no intersphinx, no remote images
    conf = (DOCS / "conf.py").read_text()
    assert "intersphinx" not in conf.replace("no intersphinx", "")
    for rst in DOCS.rglob("*.rst"):
        assert not re.search(r"\.\. (image|figure):: *https?:", rst.read_text()), rst


def test_every_module_is_in_the_api_reference():
    api = (DOCS / "api.rst").read_text()
    documented = set(re.findall(r"automodule:: asynccp\.(\w+)", api))
    modules = {p.stem for p in SRC.glob("*.py")}
    modules |= {p.parent.name for p in SRC.glob("*/__init__.py")}  # subpackages
    modules -= {"__init__", "core"} | ALIASES
    assert "timeline" in modules  # the desktop-only subpackage (a symlinked folder)
    assert modules <= documented, f"add to docs/api.rst: {sorted(modules - documented)}"
    for alias in ALIASES:
        assert f"asynccp.{alias}" in api


def test_the_pytest_example_in_the_testing_guide_passes():
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "docs/examples"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 passed" in proc.stdout


def test_reuse_lint():
    proc = subprocess.run(
        [sys.executable, "-m", "reuse", "lint"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_paths_and_make_targets_named_in_readme_and_docs_exist():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    texts = [ROOT / "README.md", ROOT / "CHANGELOG.md", *DOCS.rglob("*.rst")]
    for path in texts:
        text = path.read_text()
        for target in re.findall(r"`make ([a-z][\w-]*)`", text):
            assert target in targets, (path, target)
        for example in re.findall(r"examples/(asynccp_\w+\.py)", text):
            assert (ROOT / "examples" / example).is_file(), (path, example)


def test_readme_quotes_benchmarks_md():
    """Every figure in the README's Benchmarks section is in BENCHMARKS.md
    (the record of one `make bench` run): none written by hand."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Benchmarks", 1)[1].split("\n## ", 1)[0]
    bench = (ROOT / "BENCHMARKS.md").read_text()
    figures = re.findall(r"(?<![\w.])[-+]?\d+(?:\.\d+)?(?: ?[kM]\b| B\b|x\b)", section)
    figures += re.findall(r"(?<![\w.])\d{3,}(?![\w.])", section)
    assert len(figures) > 20
    missing = [f for f in figures if f not in bench]
    assert not missing, f"README.md quotes figures BENCHMARKS.md does not have: {missing}"

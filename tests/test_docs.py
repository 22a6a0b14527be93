# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The docs build offline with warnings as errors, their pytest example passes,
the API reference shows the public API and nothing else, the error messages
are listed by number, and the tree is REUSE-compliant."""

import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SRC = ROOT / "src" / "asynccp"

# 0.1.x import paths: no section of their own (named in api.rst's last section)
ALIASES = {"loop", "time", "managed_resource", "managed_spi"}

#: Data attributes of classes that are public (documented in the guides);
#: every other data attribute a class has is internal (Loop.handler,
#: Loop.cur, Task.state, ...) and must not be in the reference.
PUBLIC_ATTRIBUTES = {
    "asynccp.ScheduledTask.runs",  # the scheduling guide: st.runs counts the runs
    "asynccp.trace.Tracer.recording",  # the tracing guide: freeze the ring
    "asynccp.trace.Tracer.names",
}


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    """The docs built once, as `make docs` builds them; the output folder."""
    out = tmp_path_factory.mktemp("docs") / "html"
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", DOCS, out],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module")
def api():
    """The public API, worked out from the package (tests/api_names.py), in a
    fresh interpreter: it imports every module."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "api_names.py")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def documented(html):
    """{full name: object type} of every Python object the docs document
    (Sphinx's inventory, objects.inv)."""
    from sphinx.util.inventory import InventoryFile

    with open(html / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", posixpath.join)
    return {
        name: kind.split(":", 1)[1]
        for kind, entries in inv.items()
        if kind.startswith("py:")
        for name in entries
    }


def test_sphinx_builds_offline_with_warnings_as_errors(html):
    out = html
    assert (out / "index.html").is_file()
    assert (out / "_images" / "timeline.png").stat().st_size > 10000
    api = (out / "api.html").read_text()
    assert "Add a coroutine (or generator) object to run as a new task" in api
    # nothing fetched at build time: no intersphinx, no remote images
    conf = (DOCS / "conf.py").read_text()
    assert "intersphinx" not in conf.replace("no intersphinx", "")
    for rst in DOCS.rglob("*.rst"):
        assert not re.search(r"\.\. (image|figure):: *https?:", rst.read_text()), rst


def test_the_public_api_is_worked_out_from_the_package(api):
    """What the two tests below compare the reference with: the package's
    names (and its table of lazily loaded names), asynccp.asyncio's (and its
    table), and the modules' own names: so a name added to the library, or
    to a table, is a name the reference must document."""
    names = api["names"]
    for name in ("asynccp.add_task", "asynccp.delay", "asynccp.Loop"):  # import asynccp
        assert names[name]
    for name in ("asynccp.schedule", "asynccp.Duration", "asynccp.CancelledError"):  # lazy
        assert names[name]
    for name in ("asynccp.asyncio.run", "asynccp.asyncio.gather", "asynccp.asyncio.Queue"):
        assert names[name]
    for name in ("asynccp.scheduler.SKIP", "asynccp.testing.virtual_loop", "asynccp.trace.Tracer"):
        assert names[name]  # a module's own names
    assert "asynccp.timeline.read_trace" in names  # (in a symlinked folder)
    # a module's name that the package offers is public under the package's name only
    assert "asynccp.scheduler.schedule" not in names and "asynccp.units.as_seconds" not in names
    # methods a module adds to its class when it loads are that class's
    assert api["members"]["asynccp.ScheduledTask"]["change_rate"]
    assert api["members"]["asynccp.Duration"]["as_seconds"]
    assert "send" not in api["members"]["asynccp.ScheduledTask"]  # the coroutine protocol


def test_the_api_reference_documents_every_public_name(html, api):
    docs = documented(html)
    missing = [n for n in api["names"] if n not in docs]
    assert not missing, f"public, and not in docs/api.rst: {missing}"
    for cls, members in api["members"].items():
        for name, owner in members.items():
            # documented on this class, or on the public base class that has it
            bases = [c for c in api["members"] if api["members"][c].get(name) == owner]
            assert any(f"{c}.{name}" in docs for c in [cls] + bases), (
                f"not in docs/api.rst: {cls}.{name}"
            )
    api_rst = (DOCS / "api.rst").read_text()
    for alias in ALIASES:  # the 0.1.x import paths
        assert f"``asynccp.{alias}``" in api_rst
        assert (SRC / f"{alias}.py").is_file()


def test_the_api_reference_shows_no_private_or_implementation_name(html, api):
    docs = documented(html)
    public_modules = {"asynccp", "asynccp.asyncio"} | {n.rsplit(".", 1)[0] for n in api["names"]}
    allowed = set(api["names"]) | public_modules | PUBLIC_ATTRIBUTES
    allowed |= {f"{c}.{m}" for c, members in api["members"].items() for m in members}
    wrong = sorted(n for n in docs if n not in allowed)
    assert not wrong, f"not public API, yet in the reference: {wrong}"
    for name in docs:
        assert not any(part.startswith("_") for part in name.split(".")), name
    for name in api["internal"]:
        assert name not in docs
    # the signature users call: both parameters needed, hz= for 0.1.x told in words
    page = (html / "api.html").read_text()
    text = re.sub(r"<[^>]+>", "", page)
    assert "asynccp.schedule(frequency, coroutine_function, *args, **kwargs)" in text
    assert "frequency=None" not in text


def test_no_namespace_offers_another_modules_function(api):
    assert api["leaks"] == []


def test_the_error_messages_are_listed_by_number(html):
    """docs/errors.rst lists every message of asynccp/messages.py, each
    number once, with its text (made at build time: docs/errorlist.py)."""
    sys.path.insert(0, str(DOCS))
    try:
        import errorlist
    finally:
        sys.path.remove(str(DOCS))
    # (not `from asynccp import messages`: asynccp sets that attribute to None
    # once it has made a message, and earlier tests in the run make some)
    sys.modules.pop("asynccp.messages", None)
    messages = __import__("asynccp.messages", None, None, ["M"])

    page = (html / "errors.html").read_text()
    numbers = [int(n) for n in re.findall(r'id="asynccp-error-(\d+)"', page)]
    assert sorted(numbers) == list(range(len(messages.M))), numbers
    assert len(numbers) == len(set(numbers))
    listed = errorlist.messages()
    assert [n for n, _ in listed] == list(range(len(messages.M)))
    for (n, text), m in zip(listed, messages.M):
        if isinstance(m, str):
            assert text == m
        else:  # a function of the values: the texts in its source
            assert text.startswith("asynccp: "), text
        row = re.search(rf'id="asynccp-error-{n}".*?</tr>', page, re.S).group(0)
        assert " ".join(text.split()) in _html_text(row), (n, row)
    # where a reader of `asynccp error N (...)` is sent
    for doc in ("errors.rst", "guides/small_boards.rst"):
        assert "asynccp error 2 (" in (DOCS / doc).read_text(), doc


def _html_text(markup):
    """The text of an HTML fragment, its spaces collapsed."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


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
    figures += re.findall(r"(?<![\w.])[-+]\d+(?![\w.])", section)  # run-count errors
    assert len(figures) >= 10  # the headline: a few lines
    missing = [f for f in figures if f not in bench]
    assert not missing, f"README.md quotes figures BENCHMARKS.md does not have: {missing}"


DOCS_URL = "https://circuitpython-asynccp.readthedocs.io/"


def test_the_hosted_docs_have_one_address_and_the_readme_links_pages_that_exist():
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as f:
        urls = tomllib.load(f)["project"]["urls"]
    assert urls["Documentation"] == DOCS_URL
    readme = (ROOT / "README.md").read_text()
    assert f"<{DOCS_URL}>" in readme
    texts = [readme, (DOCS / "releasing.rst").read_text(), (ROOT / "pyproject.toml").read_text()]
    for text in texts:
        for url in re.findall(r"https?://[\w.-]*readthedocs\.io/\S*", text):
            assert url.startswith(DOCS_URL), url
    pages = re.findall(re.escape(DOCS_URL) + r"en/latest/([\w/]+)\.html", readme)
    assert "guides/getting_started" in pages
    for page in pages:
        assert (DOCS / f"{page}.rst").is_file(), page
    # Getting started is the first page the Documentation section links
    section = readme.split("## Documentation", 1)[1].split("\n## ", 1)[0]
    first = re.search(re.escape(DOCS_URL) + r"en/latest/([\w/]+)\.html", section)
    assert first.group(1) == "guides/getting_started"


def test_the_budgets_the_build_docs_give_are_bundle_tomls():
    import tomllib

    with open(ROOT / "bundle.toml", "rb") as f:
        doc = tomllib.load(f)
    text = " ".join((DOCS / "releasing.rst").read_text().split())
    for key in ("minimal", "seed"):
        assert f"{doc['budget'][key]} bytes" in text, key
    for prog in doc["program"]:
        said = f"``{prog['path']}``"
        assert said in text, said
        part = text.split(said, 1)[1][:200]
        for figure in (prog["samd21"], prog["samd21_at"], prog["unix_at"]):
            assert str(figure) in part, (said, figure)

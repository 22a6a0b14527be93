# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Sphinx configuration. Builds offline: no intersphinx, no remote images.

``make docs`` (or ``sphinx-build -W -b html docs docs/_build/html``).

The API reference (api.rst) documents each name under the name users
import (``asynccp.schedule``, not ``asynccp.scheduler.schedule``); every
cross-reference must resolve (``nitpicky``), and a reference written with a
module path in a docstring (``~asynccp.scheduler.ScheduledTask``) goes to
the public name (``_public_name`` below). errors.rst's numbered list of
error messages is made from ``src/asynccp/messages.py`` at build time
(``errorlist.py``, beside this file).
"""

import inspect
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

project = "asynccp"
author = "asynccp contributors"
copyright = "2026, asynccp contributors"  # Sphinx's name
release = os.environ.get("ASYNCCP_VERSION", "")

extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode", "errorlist"]
autodoc_member_order = "bysource"
autodoc_typehints = "none"
exclude_patterns = ["_build", "_generated/*.csv"]
templates_path = []
html_theme = "furo"
html_title = "asynccp"
html_static_path = []

# Every cross-reference must resolve; names of Python itself are not in
# these docs (no intersphinx: the build is offline).
nitpicky = True
nitpick_ignore_regex = [
    (
        "py:(class|exc|obj|func)",
        r"(BaseException|Exception|TypeError|ValueError|RuntimeError|"
        r"OverflowError|TimeoutError|StopIteration|int|float|str|bool|bytes|list|tuple|dict|"
        r"object|None|True|False|print)",
    ),
]

# Classes users get from asynccp and never make themselves: no constructor
# signature in the reference (theirs are implementation details).
MADE_FOR_YOU = {
    "asynccp.Task",
    "asynccp.ScheduledTask",
    "asynccp.resource.Handle",
    "asynccp.asyncio.Task",
    "asynccp.asyncio.Loop",
}


def _signature(app, what, name, obj, options, signature, return_annotation):
    if what == "class" and name in MADE_FOR_YOU:
        return "", ""
    # asyncio's loop object: as in MicroPython, Loop is the class itself and
    # its methods are called on it without self, so show every parameter.
    if what == "method" and name.startswith("asynccp.asyncio.Loop.") and inspect.isfunction(obj):
        return str(inspect.signature(obj)), None
    return None


def _public_name(app, env, node, contnode):
    # A reference to an implementation module's name, as docstrings in the
    # sources write them (asynccp.scheduler.ScheduledTask,
    # asynccp.asyncio.funcs.gather): resolve it to the public name that the
    # reference documents (asynccp.ScheduledTask, asynccp.asyncio.gather).
    # A short name that its docstring's module knows but the public name's
    # module does not (REBASE in ScheduledTask's docstring, documented as
    # asynccp.scheduler.REBASE): the one documented name that ends with it.
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    parts = node["reftarget"].lstrip("~.").split(".")
    if parts[0] == "asynccp" and len(parts) >= 3:
        drop = 2 if parts[1] == "asyncio" else 1
        target = ".".join(parts[:drop] + parts[drop + 1 :])
    else:
        ends = [n for n in domain.objects if n.endswith("." + ".".join(parts))]
        target = ends[0] if len(ends) == 1 else None
    if target not in domain.objects:
        return None
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
    )


def _no_implementation_names(app, env):
    # autodoc registers a class documented as asynccp.Task under its module's
    # name too (asynccp.core.Task, "canonical"): drop those, so the index,
    # the search and objects.inv hold only the names users import
    # (_public_name still resolves references written the other way).
    objects = env.get_domain("py").objects
    for name in [n for n, entry in objects.items() if entry.aliased]:
        del objects[name]


def _timeline(app):
    # The tracing guide's picture, made from a run of timeline_demo.py.
    import timeline_demo

    timeline_demo.make(HERE / "_generated")


def _load_everything(app):
    # Methods that a module adds to a class when it loads (ScheduledTask.stop,
    # Duration.as_seconds, Loop.run_later, ...) are documented with their
    # class: load every module first, as a program that used them all would.
    import importlib

    for p in sorted((ROOT / "src" / "asynccp").rglob("*.py")):
        parts = p.relative_to(ROOT / "src").with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if "timeline" not in parts:  # (the desktop command: imported by api.rst itself)
            importlib.import_module(".".join(parts))


def setup(app):
    app.connect("builder-inited", _load_everything)
    app.connect("builder-inited", _timeline)
    app.connect("autodoc-process-signature", _signature)
    app.connect("missing-reference", _public_name)
    app.connect("env-updated", _no_implementation_names)

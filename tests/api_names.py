# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The public API of asynccp, worked out from the package itself, for
tests/test_docs.py (which checks docs/api.rst against it).

Run as a script (in a fresh interpreter: it imports every module, which adds
the methods modules attach to classes) it prints JSON::

    {"names": [...], "members": {...}, "internal": [...], "leaks": [...]}

- ``names``: what users import: every public name of ``asynccp`` (what
  ``import asynccp`` gives, and the names its table of lazily loaded names
  lists), of ``asynccp.asyncio`` (the same), and each module's own public
  names that neither offers (``asynccp.scheduler.SKIP``,
  ``asynccp.trace.Tracer``, ``asynccp.testing.virtual_loop``, ...), as full
  dotted names, each with its kind ("module", "class", "function", "data");
- ``members``: for each public class, its public methods and properties
  (also those it inherits from another asynccp class, and those a module
  adds to it when it loads), each with the class that defines it;
- ``internal``: names that look public (no leading underscore) and are not
  users' API: see INTERNAL;
- ``leaks``: names a namespace offers that are not asynccp's at all (another
  module's function a module imported at its top level).

A name is public when it has no leading underscore. A module's "own" names
are the functions and classes it defines and the constants it assigns at its
top level.
"""

import ast
import importlib
import inspect
import json
import os
import sys
import types
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PKG = SRC / "asynccp"

#: Names without a leading underscore that are implementation, not users'
#: API (each with the reason). The reference must not show them.
INTERNAL = {
    "asynccp.task.cancel": "the body of Task.cancel()",
    "asynccp.join.join": "the generator behind `await task`",
    "asynccp.lazy.attr": "the package's __getattr__",
    "asynccp.lazy.method": "__getattr__ of Loop, ScheduledTask and Duration",
    "asynccp.messages.M": "the error texts: docs/errors.rst lists them by number",
    "asynccp.asyncio.names.get": "asynccp.asyncio's __getattr__ for its second table",
    "asynccp.io.wait": "how asynccp.asyncio's streams wait for a socket",
    "asynccp.io.forget": "how a stream stops waiting on a socket it closes",
}

#: Methods of the coroutine protocol: the loop drives a task through them
#: (a ScheduledTask is its own coroutine; a Loop stands in for a task's
#: coroutine while an exception is pending for it). Never users' API.
PROTOCOL = {"send", "throw"}


def lazy_table(namespace):
    """``{name as its table writes it: the dotted name of its module}`` for
    ``namespace`` ("asynccp" or "asynccp.asyncio"), read from its tables of
    lazily loaded names.

    The one place that reads those tables, each " module: name name ...
    module: ... " (a word ending in ":" is a module): src/asynccp/lazy.py's
    ``_lazy`` (its modules are asynccp's; its ``Class.method`` entries are
    methods, and a Loop method is a package function too), and
    src/asynccp/asyncio/__init__.py's ``_lazy`` (a module is asynccp.asyncio's,
    or asynccp's with a leading dot) with its second table,
    src/asynccp/asyncio/names.py's (full module names).
    """
    if namespace == "asynccp":
        tables = [(importlib.import_module("asynccp.lazy")._lazy, "asynccp.")]
    elif namespace == "asynccp.asyncio":
        tables = [
            (importlib.import_module("asynccp.asyncio")._lazy, "asynccp.asyncio."),
            (importlib.import_module("asynccp.asyncio.names")._lazy, ""),  # its second table
        ]
    else:
        raise ValueError(namespace)
    names = {}
    for table, prefix in tables:
        module = None
        for word in table.split():
            if word[-1] == ":":
                module = word[:-1]
                module = "asynccp" + module if module[0] == "." else prefix + module
            else:
                names[word] = module
    return names


def lazy_names(namespace):
    """The names ``namespace`` ("asynccp" or "asynccp.asyncio") loads on
    first use (:func:`lazy_table`'s, a Loop method as the package's function,
    other classes' methods left out)."""
    names = lazy_table(namespace)
    return [n.partition("Loop.")[2] or n for n in names if "." not in n or n.startswith("Loop.")]


def module_names():
    """Every module of the package (asynccp.timeline too), dotted."""
    out = []
    for folder, _, files in os.walk(PKG, followlinks=True):  # (timeline is a symlink)
        for f in files:
            if f.endswith(".py") and f != "__main__.py":  # (that one runs a command)
                parts = (Path(folder) / f).relative_to(SRC).with_suffix("").parts
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                out.append(".".join(parts))
    return sorted(out)


def _kind(value):
    if isinstance(value, types.ModuleType):
        return "module"
    if inspect.isclass(value):
        return "class"
    if callable(value):
        return "function"
    return "data"


def _ours(value):
    """Is ``value`` asynccp's (not a function or class of another module)?"""
    if isinstance(value, (types.FunctionType, type)):
        return (getattr(value, "__module__", "") or "").startswith("asynccp")
    return True


def _constants(module):
    """Names a module assigns at its top level (not imports)."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for t in targets:
            if isinstance(t, ast.Name):
                names.add(t.id)
    return names


def public_api():
    modules = {m: importlib.import_module(m) for m in module_names()}
    names = {}
    leaks = []
    for ns in ("asynccp", "asynccp.asyncio"):
        mod = modules[ns]
        found = [n for n, v in vars(mod).items() if not isinstance(v, types.ModuleType)]
        found += lazy_names(ns)
        for n in found:
            if n.startswith("_"):
                continue
            value = getattr(mod, n)
            if _ours(value):
                names[f"{ns}.{n}"] = value
            else:
                leaks.append(f"{ns}.{n}")
    reached = {id(v) for v in names.values()}
    # classes, to tell a function a module adds to a class (a method) from its own
    classes = [v for v in names.values() if inspect.isclass(v)]
    for mod in modules.values():
        classes += [v for v in vars(mod).values() if inspect.isclass(v) and _ours(v)]
    attached = {id(v) for c in classes for v in vars(c).values()}
    internal = []
    for m, mod in modules.items():
        constants = _constants(mod)
        for n, v in vars(mod).items():
            full = f"{m}.{n}"
            if n.startswith("_") or isinstance(v, types.ModuleType) or id(v) in reached:
                continue
            if isinstance(v, (types.FunctionType, type)):
                if v.__module__ != m or id(v) in attached:
                    continue  # imported, or a method a module adds to a class
            elif n not in constants:
                continue  # imported
            if full in INTERNAL:
                internal.append(full)
                continue
            names[full] = v
    members = {}
    for full, cls in names.items():
        if not inspect.isclass(cls):
            continue
        for n in dir(cls):
            if n.startswith("_") or n in PROTOCOL:
                continue
            owner = next(c for c in cls.__mro__ if n in vars(c))
            raw = vars(owner)[n]
            if isinstance(raw, (staticmethod, classmethod)):
                raw = raw.__func__
            if isinstance(raw, property):
                raw = raw.fget
            if isinstance(raw, types.FunctionType) and raw.__module__.startswith("asynccp"):
                members.setdefault(full, {})[n] = f"{owner.__module__}.{owner.__qualname__}"
    return {
        "names": {n: _kind(v) for n, v in sorted(names.items())},
        "members": members,
        "internal": sorted(internal),
        "leaks": sorted(leaks),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(SRC))
    json.dump(public_api(), sys.stdout, indent=1, sort_keys=True)

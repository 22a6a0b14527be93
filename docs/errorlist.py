# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Sphinx extension: the numbered list of asynccp's error messages.

``.. asynccp-messages::`` (in errors.rst) becomes a table of every entry of
``M`` in ``src/asynccp/messages.py``, read when the docs are built, so the
list cannot go stale. A board without ``messages.mpy`` raises
``asynccp error N (values)``; the table says what N is.

An entry that is a text is shown as it is (``%r`` and ``%d`` mark where the
values go). An entry that is a function of the values shows the text it
makes, read from its source in messages.py: the string literals of what it
returns, joined in the order they are written.
"""

import ast
import importlib
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive


def _function_text(fn, path):
    """The text a message function makes: the string literals of its source
    (found in messages.py by its first line), joined."""
    line = fn.__code__.co_firstlineno
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Lambda, ast.FunctionDef)) and node.lineno == line:
            # what it returns (a function's tests, "catchup" in kw, are not text)
            made = (
                [node.body]
                if isinstance(node, ast.Lambda)
                else [r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value]
            )
            parts = sorted(
                (n.lineno, n.col_offset, n.value)
                for m in made
                for n in ast.walk(m)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.strip()
            )
            if parts:
                return " ".join(p[2] for p in parts)
    raise ValueError(f"{path}:{line}: a message function that makes no text")


def messages(module="asynccp.messages"):
    """``[(number, text), ...]`` for every entry of ``M``, in order."""
    mod = importlib.import_module(module)
    path = Path(mod.__file__)
    out = []
    for n, m in enumerate(mod.M):
        out.append((n, m if isinstance(m, str) else _function_text(m, path)))
    return out


class MessagesDirective(Directive):
    has_content = False

    def run(self):
        self.state.document.settings.record_dependencies.add(
            importlib.import_module("asynccp.messages").__file__
        )
        table = nodes.table(classes=["asynccp-messages"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=8)
        group += nodes.colspec(colwidth=92)
        head = nodes.thead()
        group += head
        row = nodes.row()
        for title in ("N", "message"):
            row += nodes.entry("", nodes.paragraph(text=title))
        head += row
        body = nodes.tbody()
        group += body
        for n, text in messages():
            row = nodes.row(ids=[f"asynccp-error-{n}"])
            row += nodes.entry("", nodes.paragraph(text=str(n)))
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal(text=text)))
            body += row
        return [table]


def setup(app):
    app.add_directive("asynccp-messages", MessagesDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

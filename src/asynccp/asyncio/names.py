# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp.asyncio's names for networking and wake-ups from outside the loop,
in the form of its ``_lazy`` table: a second table, which asynccp.asyncio's
``__getattr__`` loads only for a name its own table lacks, so that ``import
asynccp.asyncio`` costs no more RAM than it did before these names came
(streams in ``asynccp.asyncio.stream``, ThreadSafeFlag in ``asynccp.io``)."""

from ..core import _gc

_gc()

_lazy = (
    " asynccp.asyncio.stream: open_connection start_server Server Stream StreamReader"
    " StreamWriter asynccp.io: ThreadSafeFlag "
)


def get(attr):
    # asynccp.asyncio's __getattr__ for a name not in its own table: the
    # value, kept in its _got as there; AttributeError for a name in neither.
    # This table lets itself go again at once, as asynccp.lazy does (a
    # hasattr() of a name in neither table leaves nothing loaded): out of
    # sys.modules, and None in the package, which the import set (SAMD21
    # boards have no delattr).
    from sys import modules

    modules.pop("asynccp.asyncio.names", None)
    setattr(modules["asynccp.asyncio"], "names", None)
    t = _lazy
    i = t.find(" " + attr + " ")
    if i < 0:
        raise AttributeError(attr)
    j = t.rfind(":", 0, i)
    m = t[t.rfind(" ", 0, j) + 1 : j]
    _gc()  # (see asynccp.core)
    m = __import__(m, None, None, (attr,), 0)  # (MicroPython: not `from . import`,
    # which asks asynccp.asyncio's __getattr__ first)
    from . import _got

    value = _got[attr] = getattr(m, attr)
    return value


_gc()

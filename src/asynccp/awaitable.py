# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An awaitable made from a generator, for every runtime; and TimeoutError.

CircuitPython's ``await x`` calls ``x.__await__()``, which its generators
lack, and CPython's refuses plain generators; MicroPython's ``await`` and
every runtime's ``yield from`` call ``iter(x)``. :class:`_Aw` has both.
``queue``, ``timeout`` and ``asynccp.asyncio`` import it; ``import asynccp``
does not. TimeoutError is here because what raises it (``timeout``,
``asynccp.asyncio``'s ``wait_for``) imports this module anyway.
"""

from .core import _gc

_gc()


class _Aw:
    def __init__(self, g):
        self.g = g

    def __iter__(self):
        return self.g

    __await__ = __iter__


try:
    _Base = TimeoutError  # CPython (and CircuitPython): `except TimeoutError` catches ours
except NameError:  # MicroPython has none
    _Base = Exception


class TimeoutError(_Base):  # asynccp.TimeoutError, as asyncio's
    """:func:`~asynccp.wait_for` ran out of time. Where Python has a builtin
    TimeoutError (CPython, CircuitPython) this is a subclass of it, as
    asyncio's is; on MicroPython, of Exception."""


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").TimeoutError = TimeoutError
_gc()

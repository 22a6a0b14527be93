# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An awaitable made from a generator, for every runtime.

CircuitPython's ``await x`` calls ``x.__await__()``, which its generators
lack, and CPython's refuses plain generators; MicroPython's ``await`` and
every runtime's ``yield from`` call ``iter(x)``. :class:`_Aw` has both.
``queue`` and ``timeout`` import it; ``import asynccp`` does not.
"""


class _Aw:
    def __init__(self, g):
        self.g = g

    def __iter__(self):
        return self.g

    __await__ = __iter__

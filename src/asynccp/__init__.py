# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp: cooperative multitasking for CircuitPython, MicroPython and CPython.

``import asynccp`` loads ``core`` and ``delay`` only; every other name loads
its module on first use (``lazy`` says which), so a board needs only the
modules it uses in ``lib/asynccp/`` (``__init__``, ``core`` and ``delay`` for
tasks and delays).
"""

__version__ = "0.0.0+auto.0"
__repo__ = "https://github.com/asynccp/CircuitPython_asynccp.git"

from .core import *  # noqa: F403  Loop, Task, get_loop, add_task, run

# Eager, not lazy: importing the submodule `delay` makes the package's `delay`
# the module; this import runs after that and binds the function for good.
from .delay import delay, delay_ms  # noqa: F401


def __getattr__(attr):
    # PEP 562 (MicroPython and CircuitPython have it too): asynccp/lazy.py
    from .lazy import attr as load

    return load(attr, globals())

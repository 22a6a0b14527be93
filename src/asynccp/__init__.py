# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp: cooperative multitasking for CircuitPython, MicroPython and CPython.

Only ``core`` and ``delay`` are loaded here; every other name loads its module on first use,
so a board needs only the modules it uses in ``lib/asynccp/`` (``__init__``,
``core`` and ``delay`` for tasks and delays).
"""

__version__ = "0.0.0+auto.0"
__repo__ = "https://github.com/asynccp/CircuitPython_asynccp.git"

from .core import *  # noqa: E402,F403  Loop, Task, CancelledError, add_task, run, ...

# Eager, not lazy: importing the submodule `delay` makes the package's `delay`
# the module; this import runs after that and binds the function for good.
from .delay import delay, delay_ms  # noqa: E402,F401

_attrs = {
    "schedule": "scheduler",
    "schedule_later": "scheduler",
    "ScheduledTask": "scheduler",
    "ManagedResource": "resource",
    "ManagedSpi": "resource",
    "Duration": "duration",
    "Event": "event",
    "Lock": "lock",
    "Semaphore": "semaphore",
    "Queue": "queue",
    "QueueEmpty": "queue",
    "QueueFull": "queue",
    "wait_for": "timeout",
    "TimeoutError": "timeout",
}


def __getattr__(attr):
    # PEP 562 lazy loading (MicroPython and CircuitPython support it too)
    mod = _attrs.get(attr)
    if mod is None:
        # `from asynccp import trace`: MicroPython asks here before it
        # looks for a submodule, so import it (if there is one).
        if attr[0] == "_":
            raise AttributeError(attr)
        try:
            return __import__(attr, globals(), None, [attr], 1)
        except ImportError:
            raise AttributeError(attr) from None
    value = getattr(__import__(mod, globals(), None, [attr], 1), attr)
    globals()[attr] = value
    return value

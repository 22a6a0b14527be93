# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Which module each lazily loaded name of asynccp lives in.

``asynccp.schedule`` (the package's ``__getattr__``) and ``loop.schedule``
(``Loop.__getattr__``) load this module the first time a name is not found,
then the name's own module (which, for a Loop method, adds it to Loop). A
program that uses only what ``import asynccp`` loads (tasks and delays)
never loads it, and once a lookup is done this module lets itself go
(``core._forget``): a board holds it only while a program looks up names
for the first time, which is mostly at start-up.
"""

from .core import _forget

# ";module: name name ..." for each module and the names it has. One string,
# not a dict: a third of the RAM, and its names become interned strings only
# when used.
_NAMES = (
    ";task: CancelledError ;loop: run_later set_exception_handler ;event: suspend Event"
    " ;scheduler: schedule ScheduledTask ;schedctl: schedule_later ;resource: ManagedResource"
    " ;managed_spi: ManagedSpi ;duration: Duration ;lock: Lock ;semaphore: Semaphore"
    " ;queue: Queue QueueEmpty QueueFull ;timeout: wait_for TimeoutError ;"
)


def load(name):
    """The module that has ``name``, imported; AttributeError if asynccp has
    no such lazily loaded name."""
    i = _NAMES.find(" " + name + " ")
    if i < 0:
        raise AttributeError(name)
    i = _NAMES.rfind(";", 0, i) + 1
    return __import__(_NAMES[i : _NAMES.find(":", i)], globals(), None, [name], 1)


def attr(name, g):
    # The package's __getattr__ (g: its globals): the name from its module,
    # kept in the package. Or `from asynccp import trace`: MicroPython asks
    # here before it looks for a submodule, so import it (if there is one).
    # Only a name that can be one of ours: dir(asynccp) and the REPL's tab
    # completion ask here for every interned string, and "/" or "." would
    # import the package itself again under a new name.
    _forget("lazy")  # (the running function keeps what it needs)
    try:
        value = g[name] = getattr(load(name), name)
        return value
    except AttributeError:
        if not "a" <= name[:1] <= "z":
            raise
    try:
        return __import__(name, globals(), None, [name], 1)
    except ImportError:
        pass
    raise AttributeError(name)


def method(self, name):
    # Loop.__getattr__ and ScheduledTask.__getattr__: a method kept in its
    # feature's module, which adds it to the class when it loads
    _forget("lazy")  # (the running function keeps what it needs)
    if name[:2] == "__":  # (never a lazy method; the class may have it, as __name__)
        raise AttributeError(name)
    if getattr(type(self), name, None) is None:
        load(name)
        if getattr(type(self), name, None) is None:
            raise AttributeError(name)
    return getattr(self, name)

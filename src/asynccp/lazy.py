# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Which module each lazily loaded name of asynccp lives in.

``asynccp.schedule`` (the package's ``__getattr__``) and ``loop.schedule``
(``Loop.__getattr__``) load this module the first time a name is not found,
then the name's own module (which, for a Loop method, adds it to Loop). A
program that uses only what ``import asynccp`` loads (tasks and delays)
never loads it.
"""

# ";module: name name ..." for each module and the names it has. One string,
# not a dict: a third of the RAM, and its names become interned strings only
# when used.
_NAMES = (
    ";task: run_later CancelledError set_exception_handler ;event: suspend Event"
    " ;scheduler: schedule ScheduledTask ;schedctl: schedule_later ;resource: ManagedResource"
    " ;managed_spi: ManagedSpi ;duration: Duration ;lock: Lock ;semaphore: Semaphore"
    " ;queue: Queue QueueEmpty QueueFull ;timeout: wait_for TimeoutError ;"
)


def load(name):
    """The module that has ``name``, imported; None if asynccp has no such
    lazily loaded name."""
    i = _NAMES.find(" " + name + " ")
    if i < 0:
        return None
    i = _NAMES.rfind(";", 0, i) + 1
    mod = _NAMES[i : _NAMES.find(":", i)]
    return __import__(mod, globals(), None, [name], 1)


def attr(name, g):
    # the package's __getattr__ (g: its globals): load name's module, keep
    # the name in the package
    mod = load(name)
    if mod is None:
        # `from asynccp import trace`: MicroPython asks here before it
        # looks for a submodule, so import it (if there is one).
        if name[0] != "_":
            try:
                return __import__(name, globals(), None, [name], 1)
            except ImportError:
                pass
        raise AttributeError(name)
    value = g[name] = getattr(mod, name)
    return value


def method(obj, name):
    # Loop.__getattr__ and ScheduledTask.__getattr__: a method kept in its
    # feature's module, which adds it to the class when it loads
    load(name)
    if getattr(type(obj), name, None) is None:
        raise AttributeError(name)
    return getattr(obj, name)

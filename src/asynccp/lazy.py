# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Loading on first use: the one way asynccp does it.

Every name of asynccp that loads its module on first use is in :data:`_LAZY`,
a string ``";module: name name ... ;module: ... ;"``: the package's names as
they are (``asynccp.schedule``, ``asynccp.CancelledError``), a class's
methods as ``Class.method`` (``Loop.schedule``, ``ScheduledTask.stop``,
``Duration.as_seconds``), which their module adds to the class when it loads.
The package's ``__getattr__`` calls :func:`attr`, which keeps the name in the
package; a class's (``core._method``) calls :func:`method`. Only a name in the
table loads anything: ``hasattr()`` or ``getattr()`` with a default of any
other name loads nothing. (asynccp.asyncio, a package of its own, has its
names in a table of the same form, looked up the same way: see its
``__getattr__``; there a module name with a leading dot is asynccp's.) One
string, not a dict: a third of the RAM, and its names become interned
strings only when used.

``import asynccp`` does not load this module, and it lets itself go each
time it is used: a board holds it only while a program looks up a name for
the first time, which is mostly at start-up. (SAMD21 boards have about 19 KB
of heap for a program: docs/guides/small_boards.rst.)
"""

from sys import modules

from .core import _gc

_LAZY = (
    ";awaitable: TimeoutError ;task: CancelledError ;event: Event Loop.suspend"
    " ;scheduler: ScheduledTask Loop.schedule ;schedctl: Loop.schedule_later"
    " ScheduledTask.stop ScheduledTask.start ScheduledTask.change_rate ScheduledTask.throw"
    " ScheduledTask.task ;loop: Loop.run_later Loop.set_exception_handler ;resource:"
    " ManagedResource ;managed_spi: ManagedSpi ;duration: Duration ;units: Duration.as_frequency"
    " Duration.as_seconds Duration.as_milliseconds Duration.as_microseconds"
    " Duration.as_nanoseconds ;lock: Lock ;semaphore: Semaphore ;queue: Queue QueueEmpty"
    " QueueFull ;timeout: wait_for ;"
)


def _where(name):
    # The module that the table gives for name (as the table writes it), or None
    i = _LAZY.find(" " + name + " ")
    if i < 0:
        return None
    i = _LAZY.rfind(";", 0, i) + 1
    return _LAZY[i : _LAZY.find(":", i)]


def _drop():
    # Let this module go: out of sys.modules and out of the package, where
    # the import put it (`del` with the name written out: SAMD21 boards have
    # no delattr). The running function keeps what it needs.
    if modules.pop("asynccp.lazy", None) is not None:  # (the import put both there)
        del modules["asynccp"].lazy


def _load(m, name):
    # Import asynccp's module m with this module gone (see _drop) and its
    # table and functions freed (globals() cleared; the running function
    # keeps its own code): m loads where they were, into a heap without
    # garbage (see core).
    gc = _gc
    globals().clear()
    gc()
    return __import__("asynccp." + m, None, None, (name,), 0)


def attr(name, g):
    """The package's ``__getattr__`` (``g``: its globals): the name from its
    module, kept in the package. A Loop method is a function of the default
    loop there too (``asynccp.schedule``)."""
    _drop()
    m = _where(name) or _where("Loop." + name)
    if m is not None:
        value = g[name] = getattr(_load(m, name), name)
        return value
    # MicroPython asks here for `from asynccp import trace` before it looks
    # for the submodule: import it, if there is one. Only a name that can be
    # one of ours: dir(asynccp) and the REPL's tab completion ask here for
    # every interned string, and "/" or "." would import the package again.
    if name[:1].islower():
        try:
            return _load(name, name)
        except ImportError:
            pass
    raise AttributeError(name)


def method(self, name):
    """A class's ``__getattr__``: the method ``name`` of the class
    (``self._lazy`` names it in the table: Loop if it has none), once its
    module has added it to the class."""
    _drop()
    m = _where(getattr(type(self), "_lazy", "Loop") + "." + name)
    if m is None:
        raise AttributeError(name)
    _load(m, name)
    return getattr(self, name)

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Loading on first use: the one way asynccp does it.

Every name of asynccp that loads its module on first use is in a table
``_lazy``, a string ``" module: name name ... module: name ... "``: each
module (a word ending in ``:``) and then its names. Here, asynccp's: the
package's names as they are (``asynccp.schedule``,
``asynccp.CancelledError``), a class's methods as ``Class.method``
(``Loop.schedule``, ``ScheduledTask.stop``, ``Duration.as_seconds``), which
their module adds to the class when it loads. The package's ``__getattr__``
calls :func:`attr`, which keeps the name in the package; a class's
(``core._method``) calls :func:`method`. Only a name in the table loads
anything: ``hasattr()`` or ``getattr()`` with a default of any other name
loads nothing. (asynccp.asyncio, a package of its own, has its names in a
table of the same form, looked up the same way: see its ``__getattr__``;
there a module name with a leading dot is asynccp's.) One string, not a
dict: a third of the RAM, and its names become interned strings only when
used.

``import asynccp`` does not load this module, and it lets itself go each
time it is used: a board holds it only while a program looks up a name for
the first time, which is mostly at start-up. Its names are few and short:
each is interned for good. (SAMD21 boards have about 19 KB of heap for a
program: docs/guides/small_boards.rst.)
"""

from sys import modules

from .core import _gc

_lazy = (
    " awaitable: TimeoutError task: CancelledError event: Event Loop.suspend scheduler:"
    " ScheduledTask Loop.schedule schedctl: Loop.schedule_later ScheduledTask.stop"
    " ScheduledTask.start ScheduledTask.change_rate ScheduledTask.throw ScheduledTask.task"
    " loop: Loop.run_later Loop.set_exception_handler resource: ManagedResource managed_spi:"
    " ManagedSpi duration: Duration units: Duration.as_frequency Duration.as_seconds"
    " Duration.as_milliseconds Duration.as_microseconds Duration.as_nanoseconds lock: Lock"
    " semaphore: Semaphore queue: Queue QueueEmpty QueueFull timeout: wait_for "
)


def _get(key, name):
    # Asynccp's module that the table gives for key (name, as the table
    # writes it), imported; None if the table has no such key. Before the
    # import this module lets itself go: out of sys.modules and out of the
    # package, where the import put it (`del` with the name written out:
    # SAMD21 boards have no delattr), and its globals cleared (the running
    # function keeps its own code), so that the module loads where this
    # one's table and functions were, into a heap without garbage (see core).
    if modules.pop("asynccp.lazy", None) is not None:  # (the import put both there)
        del modules["asynccp"].lazy
    t = _lazy
    i = t.find(" " + key + " ")
    if i < 0:
        return None
    key = t.rfind(":", 0, i)
    key = "asynccp" + "." + t[t.rfind(" ", 0, key) + 1 : key]
    gc = _gc
    globals().clear()
    gc()
    return __import__(key, None, None, (name,), 0)


def attr(name, g):
    """The package's ``__getattr__`` (``g``: its globals): the name from its
    module, kept in the package. A Loop method is a function of the default
    loop there too (``asynccp.schedule``). MicroPython asks here for ``from
    asynccp import trace`` before it looks for the submodule, so a name the
    table does not have is imported as a submodule if there is one (only a
    lower-case name: dir(asynccp) and the REPL's tab completion ask for
    every interned string, and "/" or "." would import the package again)."""
    g2 = _get
    m = g2(name, name) or g2("Loop" + "." + name, name)
    if m is not None:
        value = g[name] = getattr(m, name)
        return value
    if name[:1].islower():
        try:
            return __import__("asynccp" + "." + name, None, None, (name,), 0)
        except ImportError:
            pass
    _no(name, None)


def _no(name, where):
    # AttributeError for name, explained (message 44) if it is asyncio's name
    # for one of asynccp's, or asked of a resource's Handle (where is "").
    # Any other unknown name is a bare AttributeError, which loads nothing:
    # hasattr() and the REPL's tab completion ask here too.
    if where == "" or " sleep sleep_ms create_task get_event_loop ".find(" " + name + " ") >= 0:
        from .core import _m

        name = _m(44, name, where)  # a Handle has no
    raise AttributeError(name)


def method(self, name):
    """A class's ``__getattr__``: the method ``name`` of the class
    (``self._lazy`` names it in the table: Loop if it has none), once its
    module has added it to the class."""
    t = type(self)
    if hasattr(t, "release"):  # a resource's Handle: nothing loads, it explains
        _no(name, "")
    k = getattr(t, "_lazy", "Loop")
    if _get(k + "." + name, name) is None:
        _no(name, k)
    return getattr(self, name)

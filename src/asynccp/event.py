# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Event: one task (or a callback) tells others that something happened."""

from . import core as _core
from .waitq import _give
from .waitq import _wait as _park

_core._gc()


class Event:
    """A flag tasks can wait for. Starts clear."""

    def __init__(self):
        self._set = False
        self._q = []  # waiting tasks

    def is_set(self):
        """True while the event is set."""
        return self._set

    def set(self):
        """Set the event and wake every waiting task. Does not yield; the
        woken tasks run when the caller next yields."""
        self._set = True
        while _give(self._q, None):  # every waiter, in the order they came
            pass

    def clear(self):
        """Clear the event; later waits block until the next set()."""
        self._set = False

    def wait(self):
        """Wait until the event is set: ``await event.wait()``.

        Returns True at once, without yielding, if it is set already.
        Cancellation: CancelledError is raised here and the task stops
        waiting. Generator form: ``yield from event.wait()``.
        """
        return self

    def __iter__(self):
        return _wait(self)

    __await__ = __iter__


def _wait(ev):
    if not ev._set:
        yield from _park(ev._q)
    return True


def _suspend(self):
    """Make a way to park the current task until something resumes it.

    Returns ``(awaitable, resume)``. Awaiting ``awaitable`` yields and
    parks the task until ``resume()`` is called (from another task or a
    callback); it returns at once if ``resume()`` came first. ``resume()``
    does not yield and does nothing after the first call or once the
    awaiting task was cancelled. RuntimeError if no task of this loop is
    running. (The awaitable is an :class:`Event`, ``resume`` its ``set``.)
    """
    if _core._running is not self:
        raise RuntimeError(_core._m(10))  # suspend() needs a running task
    e = Event()
    return e, e.set


_core.Loop.suspend = _suspend  # Loop.suspend; Loop loads this module for it


def suspend():
    """:meth:`Loop.suspend <asynccp.Loop.suspend>` on the default loop."""
    return _core.get_loop().suspend()


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").Event = Event
__import__("asynccp").suspend = suspend
_core._gc()

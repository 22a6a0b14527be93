# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Event: one task (or a callback) tells others that something happened."""

from . import core as _core


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
        q = self._q
        while q:  # in the order they came
            t = q.pop(0)
            t.loop._wake(t)

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
        yield from _core._wait(ev._q)
    return True

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio's Event: loaded on first use."""

from ..awaitable import _Aw
from ..core import _gc
from ..event import Event as _Event
from ..event import _wait
from . import _flush

_gc()


class Event(_Event):
    """A flag tasks wait for, as MicroPython's asyncio.Event (and an
    :class:`asynccp.Event`): ``set()``, ``clear()``, ``is_set()``, ``await
    ev.wait()`` (True; at once if set). ``set()`` wakes every waiting task, in
    the order they came; a woken task returns from ``wait()`` even if the
    event was cleared again before it ran."""

    def set(self):
        """Set the event and wake the waiting tasks. Does not yield."""
        q = self._q
        if q:
            _flush(q[0].loop)
        _Event.set(self)

    def wait(self):
        """Wait until the event is set: ``await ev.wait()``; True."""
        return _Aw(_wait(self))


_gc()

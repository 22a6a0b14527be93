# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asyncio's Event: loaded on first use."""

from ..awaitable import _Aw
from ..core import _gc
from ..waitq import _give, _here
from . import _flush

_gc()


class Event:
    """A flag tasks wait for, as MicroPython's asyncio.Event: ``set()``,
    ``clear()``, ``is_set()``, ``await ev.wait()`` (True; at once if set).
    ``set()`` wakes every waiting task, in the order they came; a woken task
    returns from ``wait()`` even if the event was cleared again before it
    ran. (Its own class, not asynccp.Event: an asyncio program then loads
    only this module for it.)"""

    def __init__(self):
        self.state = False
        self.waiting = []  # the tasks waiting, first come first

    def is_set(self):
        """True while the event is set."""
        return self.state

    def set(self):
        """Set the event and wake the waiting tasks. Does not yield."""
        self.state = True
        q = self.waiting
        if q:
            _flush(q[0].loop)
            while _give(q, None):  # every waiter, in the order they came
                pass

    def clear(self):
        """Clear the event; later waits block until the next set(). Does
        not yield."""
        self.state = False

    def wait(self):
        """Wait until the event is set: ``await ev.wait()``; True."""
        return _Aw(_ev_wait(self))


def _ev_wait(ev):
    if not ev.state:
        # waitq._wait(ev.waiting), written out: an ev.wait() made beforehand
        # then allocates nothing when awaited (as MicroPython's), so an
        # interrupt-driven program may wait with the heap locked
        lp = _here()
        t = lp.cur
        lp._park(t, ev.waiting)
        ev.waiting.append(t)
        yield True
        lp._w.pop(t, None)
    return True


_gc()

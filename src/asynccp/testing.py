# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Testing with simulated time: ``VirtualClock`` and ``virtual_loop``.

A loop on a VirtualClock never sleeps: when no task is ready it moves the
clock straight to the next due time. An hour of schedules runs in
milliseconds, and every wake-up happens at its exact due tick, so tests can
assert what ran when.
"""

from . import core as _core

_core._gc()


class VirtualClock:
    """A tick counter that moves only when told (or when the loop sleeps).

    ``ticks_ms()`` wraps at 2**29 like the boards' counter; ``elapsed_ms``
    counts every simulated millisecond since creation, without wrapping.
    ``start_ms`` just below 2**29 tests wrap-around.
    """

    def __init__(self, start_ms=0):
        self._now = start_ms & 0x1FFFFFFF
        self.elapsed_ms = 0

    def ticks_ms(self):
        return self._now

    def sleep_ms(self, ms):
        """Advance the clock by ``ms`` (what the loop calls to wait)."""
        if ms > 0:
            self._now = (self._now + ms) & 0x1FFFFFFF
            self.elapsed_ms += ms

    advance = sleep_ms


def virtual_loop(start_ms=0, debug=False):
    """A new Loop on a new VirtualClock, made the default loop.

    The module-level functions (``asynccp.add_task``, ``schedule``, ...)
    then use it, so an app runs unchanged under simulated time. Its clock is
    ``loop.clock``. Returns the loop.
    """
    clock = VirtualClock(start_ms)
    loop = _core.Loop(debug, clock)
    loop.clock = clock
    _core._default = loop
    return loop


_core._gc()

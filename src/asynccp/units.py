# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A :class:`~asynccp.duration.Duration` in a unit: ``d.as_seconds()`` and
the other ``as_*`` methods.

They are not in ``duration``: a program that only makes Durations (a
schedule's period, say) never needs them, so the first one used loads this
module, which adds them all to Duration.
"""

from .core import _gc
from .duration import Duration

_gc()


def as_frequency(self):
    """Hz (float): how many of this span fit in a second."""
    return 1 / self.as_seconds()


def as_seconds(self):
    """Seconds (float)."""
    return self._ms / 1000 + self._us / 1000000


def as_milliseconds(self):
    """Milliseconds (float)."""
    return self._ms + self._us / 1000


def as_microseconds(self):
    """Microseconds (int; beyond 17 minutes a board without long ints overflows)."""
    return self._ms * 1000 + self._us


def as_nanoseconds(self):
    """Nanoseconds (int; beyond 1 second a board without long ints overflows)."""
    return self.as_microseconds() * 1000


Duration.as_frequency = as_frequency
Duration.as_seconds = as_seconds
Duration.as_milliseconds = as_milliseconds
Duration.as_microseconds = as_microseconds
Duration.as_nanoseconds = as_nanoseconds


_gc()

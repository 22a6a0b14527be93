# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Duration: a span of time, exact to the microsecond.

Kept as whole milliseconds plus 0..999 microseconds, two small ints, so a
board without long integers holds spans up to 12 days exactly.
"""


def _split(ms):
    # milliseconds (int or float) -> (whole ms, us remainder 0..999)
    if isinstance(ms, int):
        return ms, 0
    if not isinstance(ms, float):
        raise TypeError("asynccp: a Duration needs a number, got %r" % (ms,))
    whole = int(ms // 1)
    us = round((ms - whole) * 1000)
    if us == 1000:
        return whole + 1, 0
    return whole, us


class Duration:
    """A span of time: make it with the ``of_*`` functions.

    Supports ``+``, ``-``, unary ``-``, ``*`` by a number, and comparisons.
    Passing a Duration as a schedule's frequency means "once per this long".
    """

    def __init__(self, ms=0, us=0):
        # ms + us/1000 milliseconds; prefer the of_* functions
        q, us = divmod(us, 1000)
        self._ms = ms + q
        self._us = us

    @staticmethod
    def of_hours(hours):
        return Duration(*_split(hours * 3600000))

    @staticmethod
    def of_minutes(minutes):
        return Duration(*_split(minutes * 60000))

    @staticmethod
    def of_seconds(seconds):
        return Duration(*_split(seconds * 1000))

    @staticmethod
    def of_milliseconds(milliseconds):
        return Duration(*_split(milliseconds))

    @staticmethod
    def of_microseconds(microseconds):
        if isinstance(microseconds, int):
            return Duration(0, microseconds)
        return Duration(*_split(microseconds / 1000))

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

    def __add__(self, other):
        if not isinstance(other, Duration):
            return NotImplemented
        return Duration(self._ms + other._ms, self._us + other._us)

    def __sub__(self, other):
        if not isinstance(other, Duration):
            return NotImplemented
        return Duration(self._ms - other._ms, self._us - other._us)

    def __neg__(self):
        return Duration(-self._ms, -self._us)

    def __mul__(self, k):
        if isinstance(k, int):
            return Duration(self._ms * k, self._us * k)
        if not isinstance(k, float):
            return NotImplemented
        ms, us = _split(self._ms * k)
        return Duration(ms, us + round(self._us * k))

    __rmul__ = __mul__

    def _key(self, other):
        # the sign of self - other, without products that could overflow
        if not isinstance(other, Duration):
            raise TypeError("asynccp: cannot compare a Duration with %r" % (other,))
        return (self._ms - other._ms) or (self._us - other._us)

    def __eq__(self, other):  # (!= is its negation on every port)
        return isinstance(other, Duration) and self._ms == other._ms and self._us == other._us

    def __lt__(self, other):
        return self._key(other) < 0

    def __le__(self, other):
        return self._key(other) <= 0

    def __gt__(self, other):
        return self._key(other) > 0

    def __ge__(self, other):
        return self._key(other) >= 0

    def __hash__(self):
        return hash((self._ms, self._us))

    def __repr__(self):
        return "Duration(%d, %d)" % (self._ms, self._us)

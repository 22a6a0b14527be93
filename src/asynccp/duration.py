# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Duration: a span of time, exact to the microsecond.

Kept as whole milliseconds plus 0..999 microseconds, two small ints, so a
board without long integers holds spans up to 12 days exactly.
"""

from .core import _gc, _m, _method

_gc()


def _of(count, unit=1):
    # count (int or float) of unit milliseconds -> Duration, exact to the
    # microsecond. (The type is checked before the product: "5" * 1000 is a
    # string of a thousand fives.)
    if isinstance(count, int):
        return Duration(count * unit)
    if not isinstance(count, float):
        raise TypeError(_m(26, count))  # a Duration needs an int or float
    ms = count * unit
    whole = int(ms // 1)
    return Duration(whole, round((ms - whole) * 1000))


def _cmp(self, other):
    # the sign of self - other, without products that could overflow
    if not isinstance(other, Duration):
        raise TypeError(_m(27, other))  # cannot compare a Duration with
    return (self._ms - other._ms) or (self._us - other._us)


class Duration:
    """A span of time: make it with the ``of_*`` functions (an int or float
    ``count`` of the unit).

    ``as_seconds()``, ``as_milliseconds()``, ``as_microseconds()``,
    ``as_nanoseconds()`` and ``as_frequency()`` give it in a unit (they are
    in ``asynccp.units``, loaded the first time one is used).

    ``+`` and ``-`` between Durations, comparisons, and ``hash``; ``-d`` and
    ``d * k`` (or ``k * d``) by an int or float, where the firmware passes
    those operators to Python classes: SAMD21 boards do not (only ``+``,
    ``-`` and comparisons reach a class there), so write ``d.negated()`` and
    ``d.times(k)``, which work everywhere. Passing a Duration as a
    schedule's frequency means "once per this long".
    """

    def __init__(self, ms=0, us=0):
        # ms + us/1000 milliseconds; prefer the of_* functions
        q, us = divmod(us, 1000)
        self._ms = ms + q
        self._us = us

    @staticmethod
    def of_hours(count):
        return _of(count, 3600000)

    @staticmethod
    def of_minutes(count):
        return _of(count, 60000)

    @staticmethod
    def of_seconds(count):
        return _of(count, 1000)

    @staticmethod
    def of_milliseconds(count):
        return _of(count)

    @staticmethod
    def of_microseconds(count):
        if isinstance(count, int):
            return Duration(0, count)
        return _of(count, 0.001)

    # as_seconds() and the other as_* are in asynccp/units.py, which adds
    # them to Duration when it loads: a program that only makes Durations (a
    # schedule's period, say) never loads it.
    _lazy = "Duration"  # its name in asynccp/lazy.py's table (subclasses too)
    __getattr__ = _method

    def __add__(self, other):
        if not isinstance(other, Duration):
            raise TypeError(_m(28, other))  # a Duration adds and subtracts only Durations
        return Duration(self._ms + other._ms, self._us + other._us)

    def __sub__(self, other):
        return self + (other.negated() if isinstance(other, Duration) else other)

    def negated(self):
        """``-d``, everywhere."""
        return Duration(-self._ms, -self._us)

    def times(self, count):
        """``d * count`` for an int or float ``count``, everywhere."""
        if isinstance(count, int):
            return Duration(self._ms * count, self._us * count)
        if not isinstance(count, float):
            raise TypeError(_m(29, count))  # a Duration can be multiplied only by a number
        d = _of(self._ms * count)
        return Duration(d._ms, d._us + round(self._us * count))

    # The operators SAMD21 firmware never calls (see the class docstring).
    __neg__ = negated  # samd21: full builds only; negated() works everywhere
    __mul__ = times  # samd21: full builds only; times(k) works everywhere
    __rmul__ = times  # samd21: full builds only; times(k) works everywhere

    def __eq__(self, other):  # (!= is its negation on every port)
        return isinstance(other, Duration) and self._ms == other._ms and self._us == other._us

    def __lt__(self, other):
        return _cmp(self, other) < 0

    def __le__(self, other):
        return _cmp(self, other) <= 0

    def __gt__(self, other):
        return _cmp(self, other) > 0

    def __ge__(self, other):
        return _cmp(self, other) >= 0

    def __hash__(self):
        return hash((self._ms, self._us))

    def __repr__(self):
        return "Duration(%d, %d)" % (self._ms, self._us)


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").Duration = Duration
_gc()

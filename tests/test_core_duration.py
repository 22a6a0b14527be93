# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Duration: of_*/as_* exact to the microsecond, +, -, unary -, comparisons,
* by a number, and of_microseconds meaning microseconds (0.1.x's made
milliseconds of them: a wait 1000 times too long)."""

import pytest

from asynccp import Duration
from asynccp.time import Duration as OldDuration


def test_the_01x_import_path():
    assert OldDuration is Duration


@pytest.mark.parametrize(
    "d, us",
    [
        (Duration.of_hours(1), 3600 * 10**6),
        (Duration.of_hours(0.5), 1800 * 10**6),
        (Duration.of_minutes(2), 120 * 10**6),
        (Duration.of_minutes(1.5), 90 * 10**6),
        (Duration.of_seconds(3), 3 * 10**6),
        (Duration.of_seconds(0.25), 250000),
        (Duration.of_seconds(1.000001), 1000001),
        (Duration.of_milliseconds(12), 12000),
        (Duration.of_milliseconds(12.5), 12500),
        (Duration.of_milliseconds(0.001), 1),
        (Duration.of_microseconds(1), 1),
        (Duration.of_microseconds(1500), 1500),
        (Duration.of_microseconds(999), 999),
        (Duration.of_microseconds(12500), 12500),
        (Duration.of_microseconds(2.0), 2),
        (Duration.of_seconds(0), 0),
    ],
)
def test_of_functions_are_exact_to_the_microsecond(d, us):
    assert d.as_microseconds() == us
    assert d.as_nanoseconds() == us * 1000
    assert d.as_milliseconds() == pytest.approx(us / 1000, abs=1e-9)
    assert d.as_seconds() == pytest.approx(us / 10**6, abs=1e-12)


def test_of_microseconds_is_microseconds_not_milliseconds():
    """asynccp 0.1.x's bug: of_microseconds(n) made n milliseconds."""
    d = Duration.of_microseconds(1000)
    assert d == Duration.of_milliseconds(1)
    assert d.as_milliseconds() == 1.0
    assert Duration.of_microseconds(1).as_milliseconds() == 0.001
    assert Duration.of_microseconds(5).as_seconds() == pytest.approx(5e-6)


def test_as_frequency():
    assert Duration.of_milliseconds(12.5).as_frequency() == pytest.approx(80)
    assert Duration.of_seconds(2).as_frequency() == pytest.approx(0.5)
    assert Duration.of_microseconds(10).as_frequency() == pytest.approx(100000)


def test_add_and_subtract():
    a = Duration.of_milliseconds(1.7)
    b = Duration.of_milliseconds(0.5)
    assert (a + b).as_microseconds() == 2200
    assert (a - b).as_microseconds() == 1200
    assert (b - a).as_microseconds() == -1200
    assert (Duration.of_seconds(1) + Duration.of_microseconds(1)).as_microseconds() == 1000001
    assert (Duration.of_minutes(1) - Duration.of_seconds(1)) == Duration.of_seconds(59)


def test_unary_minus():
    d = Duration.of_milliseconds(1.5)
    assert (-d).as_microseconds() == -1500
    assert (-d).as_milliseconds() == -1.5
    assert -(-d) == d
    assert (d + -d) == Duration.of_seconds(0)
    assert (-Duration.of_microseconds(1)).as_microseconds() == -1


def test_multiply_by_a_number():
    d = Duration.of_milliseconds(12.5)
    assert (d * 2).as_microseconds() == 25000
    assert (3 * d).as_microseconds() == 37500
    assert (d * 0.5).as_microseconds() == 6250
    assert (d * 1.5) == Duration.of_microseconds(18750)
    assert (d * 0) == Duration.of_seconds(0)
    assert (d * -2).as_microseconds() == -25000
    assert (Duration.of_microseconds(3) * 1000) == Duration.of_milliseconds(3)


def test_comparisons():
    a = Duration.of_milliseconds(1.5)
    b = Duration.of_microseconds(1501)
    c = Duration.of_microseconds(1500)
    assert a < b and a <= b and b > a and b >= a
    assert not (a < c) and a <= c and a >= c and not (a > c)
    assert a == c and a != b
    assert -b < -a
    assert Duration.of_seconds(1) > Duration.of_milliseconds(999.999)
    assert sorted([b, Duration.of_seconds(0), a]) == [Duration.of_seconds(0), a, b]
    assert max(Duration.of_hours(1), Duration.of_minutes(61)) == Duration.of_minutes(61)


def test_equal_durations_hash_alike():
    assert hash(Duration.of_milliseconds(1)) == hash(Duration.of_microseconds(1000))
    assert len({Duration.of_seconds(1), Duration.of_milliseconds(1000)}) == 1


def test_large_spans_stay_exact():
    d = Duration.of_hours(24 * 12)  # the span a board without long ints holds exactly
    assert d.as_microseconds() == 12 * 24 * 3600 * 10**6
    assert (d - Duration.of_microseconds(1)).as_microseconds() == 12 * 24 * 3600 * 10**6 - 1

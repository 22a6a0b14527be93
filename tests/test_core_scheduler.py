# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Fixed-rate schedules: schedule/schedule_later, ScheduledTask stop, start,
change_rate; no overlap, no drift, catch-up, exact integer periods and
wrap-safe time, so an 80 Hz schedule runs 288000 times an hour, each on
its tick, also across the 2**29 ms wrap of the boards' tick counter."""

from fractions import Fraction
from math import floor

import pytest

import asynccp
from asynccp.scheduler import BURST, REBASE, SKIP
from asynccp.testing import VirtualClock

WRAP = 2**29
NEAR_WRAP = WRAP - 1000
Duration = asynccp.Duration


def ceil_div(a, b):
    return -((-a) // b)


class Recorder:
    """A scheduled function that records its start times (elapsed ms) and can
    take a while: ``lengths`` maps run index -> ms the run awaits."""

    def __init__(self, loop, lengths=None, default=0):
        self.loop = loop
        self.starts = []
        self.lengths = lengths or {}
        self.default = default
        self.active = 0
        self.max_active = 0

    async def __call__(self):
        i = len(self.starts)
        self.starts.append(self.loop.clock.elapsed_ms)
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        ms = self.lengths.get(i, self.default)
        if ms:
            await asynccp.delay_ms(ms)
        self.active -= 1


# -- exact periods, no floats ---------------------------------------------------------------

# (frequency, the exact period in ms it stands for). A float rate is exact in
# mHz (8.3 Hz) or its period exact in microseconds (1/3 Hz: 3 s), whichever
# is closer to the float, as the scheduler defines it.
RATES = [
    (80, Fraction(1000, 80)),
    (7, Fraction(1000, 7)),
    (8.3, Fraction(1000) / Fraction("8.3")),
    (1 / 3, Fraction(3000)),
    (80.0, Fraction(25, 2)),
    (3, Fraction(1000, 3)),
    (0.1, Fraction(10000)),
    (60, Fraction(1000, 60)),
    (2.5, Fraction(400)),
    (Duration.of_milliseconds(12.5), Fraction(25, 2)),
    (Duration.of_microseconds(142857), Fraction(142857, 1000)),
    (Duration.of_seconds(1.5), Fraction(1500)),
    (Duration.of_minutes(1), Fraction(60000)),
]


@pytest.mark.parametrize("freq, period", RATES, ids=[repr(r) for r, _ in RATES])
def test_a_virtual_hour_runs_exactly_on_the_integer_grid(vloop, freq, period):
    """Run k is due at floor(k * period) ms; run_for(3600) runs those due
    before the deadline: ceil(3600000 / period) runs, each at its exact tick."""
    rec = Recorder(vloop)
    asynccp.schedule(freq, rec)
    vloop.run_for(3600)
    n = ceil_div(3600000, period)
    assert len(rec.starts) == n
    assert rec.starts == [floor(k * period) for k in range(n)]
    assert vloop.clock.elapsed_ms == 3600000


def test_1khz_for_a_virtual_minute(vloop):
    rec = Recorder(vloop)
    asynccp.schedule(1000, rec)
    vloop.run_for(60)
    assert rec.starts == list(range(60000))


def test_80hz_is_288000_runs_and_7hz_25200_runs_an_hour(vloop):
    a = Recorder(vloop)
    b = Recorder(vloop)
    asynccp.schedule(80, a)
    asynccp.schedule(7, b)
    vloop.run_for(3600)
    assert len(a.starts) == 288000
    assert len(b.starts) == 25200
    # and the next hour continues on the same grid
    vloop.run_for(3600)
    assert len(a.starts) == 576000
    assert len(b.starts) == 50400
    assert b.starts[-1] == floor(50399 * Fraction(1000, 7))


@pytest.mark.parametrize(
    "freq, period",
    [(8.3, Fraction(10000, 83)), (7, Fraction(1000, 7)), (Duration.of_milliseconds(12.5), 12.5)],
)
def test_counts_over_an_uneven_span(vloop, freq, period):
    rec = Recorder(vloop)
    asynccp.schedule(freq, rec)
    vloop.run_for(1234.567)
    period = Fraction(period)
    assert len(rec.starts) == ceil_div(1234567, period)
    assert rec.starts[-1] == floor((len(rec.starts) - 1) * period)


def test_running_in_pieces_is_the_same_as_at_once(make_vloop):
    one = make_vloop()
    rec1 = Recorder(one)
    asynccp.schedule(8.3, rec1)
    one.run_for(600)
    many = make_vloop()
    rec2 = Recorder(many)
    asynccp.schedule(8.3, rec2)
    for _ in range(600):
        many.run_for(1)
    assert rec1.starts == rec2.starts


def test_schedule_later_first_runs_one_period_from_now(vloop):
    rec = Recorder(vloop)
    st = asynccp.schedule_later(7, rec)
    assert isinstance(st, asynccp.ScheduledTask)
    vloop.run_for(10)
    p = Fraction(1000, 7)
    assert rec.starts == [floor(k * p) for k in range(1, ceil_div(10000, p))]


def test_schedule_from_a_task_starts_at_that_time(vloop):
    rec = Recorder(vloop)

    async def main():
        await asynccp.delay(0.333)
        asynccp.schedule(80, rec)
        asynccp.schedule_later(Duration.of_milliseconds(250), rec)

    asynccp.add_task(main())
    vloop.run_for(1)
    grid80 = [333 + floor(k * 12.5) for k in range(ceil_div(667, Fraction(25, 2)))]
    assert rec.starts == sorted(grid80 + [583, 833])


@pytest.mark.parametrize("freq", [80, 8.3, Duration.of_milliseconds(12.5)])
def test_schedules_across_the_tick_wrap(make_vloop, freq):
    lp = make_vloop(start_ms=NEAR_WRAP)
    ticks = []

    async def f():
        ticks.append(lp.clock.ticks_ms())

    asynccp.schedule(freq, f)
    lp.run_for(3)
    period = Fraction(1000) / Fraction(str(freq)) if not isinstance(freq, Duration) else 12.5
    period = Fraction(period)
    n = ceil_div(3000, period)
    assert ticks == [(NEAR_WRAP + floor(k * period)) % WRAP for k in range(n)]
    assert ticks[0] == NEAR_WRAP and ticks[-1] < 2000  # it did wrap


# -- the function and its arguments -----------------------------------------------------------


def test_args_and_kwargs_are_passed_on(vloop):
    got = {"a": [], "b": []}

    async def f(log, a, b, key=None):
        got[log].append((a, b, key, vloop.clock.elapsed_ms))

    asynccp.schedule(10, f, "a", 1, 2, key=3)
    asynccp.schedule_later(10, f, "b", "x", "y")
    vloop.run_for(0.25)
    assert got == {
        "a": [(1, 2, 3, 0), (1, 2, 3, 100), (1, 2, 3, 200)],
        "b": [("x", "y", None, 100), ("x", "y", None, 200)],
    }


def test_catch_up_keyword_is_not_passed_on(vloop):
    got = []

    async def f(**kwargs):
        got.append(kwargs)

    asynccp.schedule(10, f, catch_up=SKIP, other=1)
    vloop.run_for(0.05)
    assert got == [{"other": 1}]


def test_plain_and_generator_functions_can_be_scheduled(vloop):
    plain_log = []
    gen_log = []

    def plain():
        plain_log.append(vloop.clock.elapsed_ms)

    def gen():
        gen_log.append(("start", vloop.clock.elapsed_ms))
        yield from asynccp.delay(0.05)
        gen_log.append(("end", vloop.clock.elapsed_ms))

    asynccp.schedule(5, plain)
    asynccp.schedule(5, gen)
    vloop.run_for(0.3)
    assert plain_log == [0, 200]
    assert gen_log == [("start", 0), ("end", 50), ("start", 200), ("end", 250)]


# -- runs never overlap, the grid does not drift, catch-up -----------------------------------


def test_no_drift_when_runs_take_time(vloop):
    rec = Recorder(vloop, default=30)
    asynccp.schedule(10, rec)
    vloop.run_for(10)
    assert rec.starts == [100 * k for k in range(100)]


def test_runs_never_overlap_a_slow_function_runs_back_to_back(vloop):
    rec = Recorder(vloop, default=250)  # 2.5 periods each
    asynccp.schedule(10, rec)
    vloop.run_for(5)
    assert rec.max_active == 1
    assert rec.starts == [250 * k for k in range(20)]


def test_a_late_run_is_followed_at_once_then_the_grid_resumes(vloop):
    rec = Recorder(vloop, lengths={2: 150})
    asynccp.schedule(10, rec)
    vloop.run_for(0.65)
    assert rec.starts == [0, 100, 200, 350, 400, 500, 600]


def test_two_periods_behind_catches_up_on_the_grid(vloop):
    rec = Recorder(vloop, lengths={2: 300})  # ends at 500: runs due 300 and 400 are missed
    asynccp.schedule(10, rec)
    vloop.run_for(0.75)
    assert rec.starts == [0, 100, 200, 500, 500, 500, 600, 700]
    assert rec.max_active == 1


def test_more_than_two_periods_behind_rebases_on_now(vloop):
    rec = Recorder(vloop, lengths={2: 450})  # ends at 650
    asynccp.schedule(10, rec)
    vloop.run_for(1)
    assert rec.starts == [0, 100, 200, 650, 750, 850, 950]


def test_just_over_two_periods_behind_rebases(vloop):
    rec = Recorder(vloop, lengths={2: 301})  # ends at 501
    asynccp.schedule(10, rec)
    vloop.run_for(0.75)
    assert rec.starts == [0, 100, 200, 501, 601, 701]


def test_rebase_with_a_fractional_period(vloop):
    rec = Recorder(vloop, lengths={1: 40})  # 80 Hz: run 1 at 12 ends at 52
    st = asynccp.schedule(80, rec)
    assert st.catch_up == REBASE
    vloop.run_for(0.1)
    # next due was 25, 27 ms late > 25 ms (two periods): the grid restarts at 52
    assert rec.starts == [0, 12, 52] + [52 + floor(k * 12.5) for k in range(1, 4)]


def test_debug_loop_prints_a_line_on_rebase(capsys):
    clock = VirtualClock()
    lp = asynccp.Loop(debug=True, clock=clock)
    lp.clock = clock  # for Recorder
    rec = Recorder(lp, lengths={0: 1000})
    lp.schedule(10, rec)
    lp.run_for(1.05)
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 1
    assert "re-based" in out


def test_quiet_loop_prints_nothing_on_rebase(vloop, capsys):
    rec = Recorder(vloop, lengths={0: 1000})
    asynccp.schedule(10, rec)
    vloop.run_for(1.05)
    assert capsys.readouterr().out == ""
    assert rec.starts == [0, 1000]


def test_burst_policy_runs_every_missed_run(vloop):
    rec = Recorder(vloop, lengths={2: 450})
    asynccp.schedule(10, rec, catch_up=BURST)
    vloop.run_for(0.85)
    assert rec.starts == [0, 100, 200, 650, 650, 650, 650, 700, 800]


def test_skip_policy_drops_missed_runs_and_keeps_the_grid(vloop):
    rec = Recorder(vloop, lengths={2: 450})
    asynccp.schedule(10, rec, catch_up=SKIP)
    vloop.run_for(0.95)
    assert rec.starts == [0, 100, 200, 700, 800, 900]


# -- stop, start, change_rate, cancel -----------------------------------------------------------


def test_stop_prevents_new_runs_and_run_returns(vloop):
    rec = Recorder(vloop)
    st = asynccp.schedule(10, rec)

    async def stopper():
        await asynccp.delay(0.35)
        st.stop()

    asynccp.add_task(stopper())
    asynccp.run()  # returns: nothing is left to run
    assert rec.starts == [0, 100, 200, 300]
    assert vloop.clock.elapsed_ms == 350  # it did not wait for the next due time


def test_stop_does_not_interrupt_a_running_run(vloop):
    log = []

    async def f():
        log.append(("start", vloop.clock.elapsed_ms))
        await asynccp.delay(0.2)
        log.append(("end", vloop.clock.elapsed_ms))

    st = asynccp.schedule(2, f)

    async def stopper():
        await asynccp.delay(0.1)
        st.stop()

    asynccp.add_task(stopper())
    asynccp.run()
    assert log == [("start", 0), ("end", 200)]


def test_stop_from_inside_the_run(vloop):
    log = []
    box = []

    async def f():
        log.append(vloop.clock.elapsed_ms)
        if len(log) == 3:
            box[0].stop()
            await asynccp.delay(0.05)
            log.append("finished")

    box.append(asynccp.schedule(10, f))
    asynccp.run()
    assert log == [0, 100, 200, "finished"]


def test_start_restarts_a_stopped_schedule_at_once(vloop):
    rec = Recorder(vloop)
    st = asynccp.schedule(10, rec)

    async def driver():
        await asynccp.delay(0.25)
        st.stop()
        await asynccp.delay(0.5)
        st.start()

    asynccp.add_task(driver())
    vloop.run_for(1)
    assert rec.starts == [0, 100, 200, 750, 850, 950]


def test_start_on_a_running_schedule_does_not_double_up(vloop):
    rec = Recorder(vloop)
    st = asynccp.schedule(10, rec)

    async def driver():
        await asynccp.delay(0.25)
        st.start()
        st.start()

    asynccp.add_task(driver())
    vloop.run_for(1)
    assert rec.starts == [100 * k for k in range(10)]
    assert rec.max_active == 1


def test_stop_then_start_in_the_same_tick_does_not_double_up(vloop):
    rec = Recorder(vloop)
    st = asynccp.schedule(10, rec)

    async def driver():
        await asynccp.delay(0.25)
        st.stop()
        st.start()
        st.stop()
        st.start()

    asynccp.add_task(driver())
    vloop.run_for(1)
    assert rec.starts == [0, 100, 200, 250, 350, 450, 550, 650, 750, 850, 950]


def test_stop_and_start_during_a_run_carries_on(vloop):
    rec = Recorder(vloop, lengths={1: 50})
    st = asynccp.schedule(10, rec)

    async def driver():
        await asynccp.delay(0.12)  # run 1 (100..150) is in progress
        st.stop()
        st.start()

    asynccp.add_task(driver())
    vloop.run_for(0.5)
    assert rec.starts == [0, 100, 200, 300, 400]
    assert rec.max_active == 1


def test_change_rate_next_run_one_new_period_after_the_last_due_time(vloop):
    rec = Recorder(vloop)
    st = asynccp.schedule(10, rec)

    async def driver():
        await asynccp.delay(0.25)
        st.change_rate(4)

    asynccp.add_task(driver())
    vloop.run_for(1.5)
    assert rec.starts == [0, 100, 200, 450, 700, 950, 1200, 1450]


@pytest.mark.parametrize(
    "wait, expected",
    [
        # 80 Hz is 12.5 ms: runs at 0, 12 (no carry), 25 (carry), 37; sleeping
        # until the next one, the change counts from the last run's due time.
        (0.013, [0, 12, 112, 212]),  # sleeping until 25: the last advance carried
        (0.026, [0, 12, 25, 125, 225]),  # sleeping until 37: it did not
    ],
)
def test_change_rate_from_a_fractional_period(vloop, wait, expected):
    rec = Recorder(vloop)
    st = asynccp.schedule(80, rec)

    async def driver():
        await asynccp.delay(wait)
        st.change_rate(10)

    asynccp.add_task(driver())
    vloop.run_for(0.25)
    assert rec.starts == expected


def test_change_rate_to_a_duration_and_to_a_fractional_rate(vloop):
    rec = Recorder(vloop)
    st = asynccp.schedule(1, rec)

    async def driver():
        await asynccp.delay(0.5)
        st.change_rate(Duration.of_milliseconds(300))  # next due 300: passed, so at once
        await asynccp.delay(0.71)  # at 1210; last due 1200
        st.change_rate(80)

    asynccp.add_task(driver())
    vloop.run_for(1.3)
    assert rec.starts == [0, 500, 600, 900, 1200, 1212, 1225, 1237, 1250, 1262, 1275, 1287]


def test_change_rate_when_the_new_due_time_has_passed_runs_at_once(vloop):
    rec = Recorder(vloop)
    st = asynccp.schedule(1, rec)

    async def driver():
        await asynccp.delay(1.7)
        st.change_rate(2)  # last due 1000: next due 1500, passed

    asynccp.add_task(driver())
    vloop.run_for(3)
    assert rec.starts == [0, 1000, 1700, 2000, 2500]


def test_change_rate_inside_the_run(vloop):
    log = []
    box = []

    async def f():
        log.append(vloop.clock.elapsed_ms)
        if len(log) == 3:
            box[0].change_rate(2)

    box.append(asynccp.schedule(10, f))
    vloop.run_for(1.5)
    assert log == [0, 100, 200, 700, 1200]


def test_change_rate_while_a_run_awaits_does_not_cut_the_run_short(vloop):
    """change_rate() does not interrupt a run in progress (its delay runs its
    full length); the new rate applies from the run's due time."""
    log = []

    async def f():
        log.append(("start", vloop.clock.elapsed_ms))
        await asynccp.delay(0.15)
        log.append(("end", vloop.clock.elapsed_ms))

    st = asynccp.schedule(2, f)

    async def driver():
        await asynccp.delay(0.1)
        st.change_rate(100)

    asynccp.add_task(driver())
    vloop.run_for(0.5)
    # next due 0 + 10 ms; the run ended at 150, 140 ms late: re-based on 150
    assert log == [
        ("start", 0),
        ("end", 150),
        ("start", 150),
        ("end", 300),
        ("start", 300),
        ("end", 450),
        ("start", 450),
    ]


def test_cancel_interrupts_the_running_run(vloop):
    log = []

    async def f():
        try:
            await asynccp.delay(1)
        finally:
            log.append(("finally", vloop.clock.elapsed_ms))

    st = asynccp.schedule(10, f)

    async def canceller():
        await asynccp.delay(0.3)
        st.cancel()

    asynccp.add_task(canceller())
    asynccp.run()
    assert log == [("finally", 300)]


def test_a_blocking_plain_function_falls_behind_like_a_slow_coroutine(vloop):
    """A plain function that blocks (the clock moves while it runs, as with
    time.sleep or a slow bus read) is caught up and re-based the same way."""
    starts = []

    def f():
        starts.append(vloop.clock.elapsed_ms)
        if len(starts) == 3:
            vloop.clock.advance(150)  # runs 200..350: the run due at 300 starts at once
        if len(starts) == 6:
            vloop.clock.advance(450)  # runs 500..950: more than two periods behind

    asynccp.schedule(10, f)
    vloop.run_for(1.2)
    assert starts == [0, 100, 200, 350, 400, 500, 950, 1050, 1150]


@pytest.mark.parametrize("api", ["schedule", "schedule_later"])
def test_stop_before_the_loop_runs_means_no_run(vloop, api):
    rec = Recorder(vloop)
    st = getattr(asynccp, api)(10, rec)
    st.stop()
    asynccp.run()
    assert rec.starts == []
    assert vloop.clock.elapsed_ms == 0
    st.start()  # first run at once, then on the grid
    vloop.run_for(0.25)
    assert rec.starts == [0, 100, 200]

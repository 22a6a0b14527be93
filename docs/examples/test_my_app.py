# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Testing an asynccp app with simulated time (the example of docs/guides/testing.rst).

In your project the app lives in its own module (say ``my_app.py``, which
code.py imports and runs); here it is inline so that this file runs alone:
``pytest docs/examples/test_my_app.py``.
"""

import pytest

import asynccp
from asynccp.testing import virtual_loop
from asynccp.trace import Tracer


# ---- the app under test (normally: from my_app import App) -----------------
class App:
    """Polls a button 80 times a second; reports the temperature every minute."""

    def __init__(self, button, sensor, report):
        self.button, self.sensor, self.report = button, sensor, report
        self.presses = 0
        self._was = False

    async def poll_button(self):
        now = self.button()
        if now and not self._was:
            self.presses += 1
        self._was = now

    async def report_temperature(self):
        self.sensor.start()
        await asynccp.delay(0.75)  # the sensor's conversion time
        self.report(self.sensor.read())

    def start(self):
        asynccp.schedule(80, self.poll_button)
        asynccp.schedule_later(1 / 60, self.report_temperature)


# ---- the tests ---------------------------------------------------------------
class FakeSensor:
    def __init__(self):
        self.started = 0

    def start(self):
        self.started += 1

    def read(self):
        return 21.5


@pytest.fixture
def loop():
    """A fresh loop on a simulated clock, made the default loop."""
    return virtual_loop()


def test_an_hour_in_a_few_milliseconds(loop):
    reports = []
    app = App(button=lambda: False, sensor=FakeSensor(), report=reports.append)
    app.start()
    loop.run_for(3600)  # one simulated hour
    assert loop.clock.elapsed_ms == 3600000
    # runs start at 1:00, 2:00, ... 59:00; the one due at 60:00 is past the hour
    assert app.sensor.started == 59
    assert len(reports) == 59


def test_button_presses_at_simulated_times(loop):
    pressed_between = [(1000, 1100), (5000, 5300)]  # ms

    def button():
        t = loop.clock.elapsed_ms
        return any(a <= t < b for a, b in pressed_between)

    app = App(button=button, sensor=FakeSensor(), report=lambda t: None)
    app.start()
    loop.run_for(10)
    assert app.presses == 2


def test_what_ran_when(loop):
    tracer = Tracer(10000)  # room for 2 minutes of steps (times count from the first)
    tracer.watch_all()  # before the schedules are made
    app = App(button=lambda: False, sensor=FakeSensor(), report=lambda t: None)
    app.start()
    loop.run_for(120)
    runs = [r for r in tracer.records() if r[0] == "App.report_temperature"]
    # each report: a step at the minute (start the conversion), one 750 ms later
    assert [(start, late) for _, start, _, late in runs][:2] == [(60000, 0), (60750, None)]
    assert all(late in (None, 0) for *_, late in tracer.records())  # nothing started late

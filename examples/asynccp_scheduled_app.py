# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A scheduled app instead of a loop: each job runs at its own fixed rate.

The sensor is read every 5 seconds, the button checked 80 times a second
(fast enough to feel instant, with a simple debounce), and the "display"
(the LED, and a line on the console when something changed) updated 15
times a second. Once a second a report says how many times the button and
the display have run so far: the rates do not drift, so after 10 seconds
the button has been checked 800 times (and 288000 times after an hour).

Wiring: an analog sensor on A0, a button from D5 to ground. On a computer,
``BLINKA_OS_AGNOSTIC=1 python asynccp_scheduled_app.py`` runs it on Blinka's
simulated board for 5 seconds: there the sensor is a sine wave and the
"button" toggles on every read, too fast to pass the debounce.
"""

import sys

try:
    import analogio
    import board
    import digitalio
except NotImplementedError:  # no analog input: Blinka on a computer, say
    raise SystemExit("no analog input here (on a computer, set BLINKA_OS_AGNOSTIC=1)")

import asynccp
from asynccp.time import Duration


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError(
        "no pin named %s on this board: edit the names (on a computer, set "
        "BLINKA_OS_AGNOSTIC=1 to use Blinka's simulated board)" % " or ".join(names)
    )


class App:
    def __init__(self):
        self.sensor = analogio.AnalogIn(pin("A0", "Ax_INPUT_WAVE_SINE"))
        self.button = digitalio.DigitalInOut(pin("D5", "Dx_INPUT_TOGGLE"))
        self.button.switch_to_input(pull=digitalio.Pull.UP)  # pressed reads False
        self.led = digitalio.DigitalInOut(pin("LED", "D13", "Dx_OUTPUT"))
        self.led.switch_to_output(value=False)
        self.sensor_state = 0
        self.button_state = False  # debounced: True while held
        self.presses = 0
        self._same = 0  # samples in a row that disagree with button_state
        self._shown = None
        self.seconds = 0
        self.button_job = self.display_job = None  # (the schedules: see run())

    async def read_some_sensor(self):
        self.sensor_state = self.sensor.value

    async def check_button(self):
        if (not self.button.value) == self.button_state:
            self._same = 0
            return
        self._same += 1
        if self._same >= 3:  # 3 samples at 80 Hz: stable for 25 ms
            self._same = 0
            self.button_state = not self.button_state
            if self.button_state:
                self.presses += 1

    async def update_display(self):
        self.led.value = self.button_state
        shown = (self.sensor_state, self.presses, "on" if self.button_state else "off")
        if shown != self._shown:
            self._shown = shown
            print("sensor %d, button presses %d, LED %s" % shown)

    def report(self):
        """Once a second: how many times the fast jobs have run so far."""
        self.seconds += 1
        button, display = self.button_job.runs, self.display_job.runs
        print(
            "after %d s: button checked %d times (80 Hz), display updated %d times (15 Hz)"
            % (self.seconds, button, display)
        )


def run():
    app = App()
    # The report first: at each whole second it runs before the jobs due then.
    asynccp.schedule_later(1, app.report)  # every second, the first after one second
    asynccp.schedule(frequency=Duration.of_seconds(5), coroutine_function=app.read_some_sensor)
    app.button_job = asynccp.schedule(frequency=80, coroutine_function=app.check_button)
    app.display_job = asynccp.schedule(frequency=15, coroutine_function=app.update_display)
    if sys.implementation.name == "cpython":  # on a computer: 5 seconds, then stop
        asynccp.get_loop().run_for(5)
    else:  # as code.py on a board: for ever
        asynccp.run()


if __name__ == "__main__":
    run()

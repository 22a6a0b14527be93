# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A scheduled app instead of a loop: each job runs at its own fixed rate.

The sensor is read every 5 seconds, the button checked 80 times a second
(fast enough to feel instant, with a simple debounce), and the "display"
(the LED, and a line on the console when something changed) updated 15
times a second. Rates do not drift: an 80 Hz job runs 288000 times an hour.

Wiring: an analog sensor on A0, a button from D5 to ground. On Blinka's
simulated board (``BLINKA_OS_AGNOSTIC=1``) the sensor is a sine wave and the
"button" toggles on every read, too fast to pass the debounce.
"""

import analogio
import board
import digitalio

import asynccp
from asynccp.time import Duration


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError("no pin named %s on this board: edit the names" % " or ".join(names))


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
        shown = (self.sensor_state, self.presses)
        if shown != self._shown:
            self._shown = shown
            print("sensor %d, button presses %d" % shown)


def run():
    app = App()
    asynccp.schedule(frequency=Duration.of_seconds(5), coroutine_function=app.read_some_sensor)
    asynccp.schedule(frequency=80, coroutine_function=app.check_button)
    asynccp.schedule(frequency=15, coroutine_function=app.update_display)
    asynccp.run()


if __name__ == "__main__":
    run()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A plain loop as a task: the usual ``while True:`` with ``time.sleep()``,
written so that other tasks can run while it waits.

Wiring: a potentiometer or other analog sensor on A0, a button from D5 to
ground. The LED lights while the button is held; a status line is printed
once a second. On Blinka's simulated board (``BLINKA_OS_AGNOSTIC=1``) the
sensor is a sine wave and the "button" toggles on every read.
"""

import analogio
import board
import digitalio

import asynccp


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError("no pin named %s on this board: edit the names" % " or ".join(names))


sensor = analogio.AnalogIn(pin("A0", "Ax_INPUT_WAVE_SINE"))
button = digitalio.DigitalInOut(pin("D5", "Dx_INPUT_TOGGLE"))
button.switch_to_input(pull=digitalio.Pull.UP)  # pressed reads False
led = digitalio.DigitalInOut(pin("LED", "D13", "Dx_OUTPUT"))
led.switch_to_output(value=False)

reading = 0
pressed = False
presses = 0
passes = 0


async def read_some_sensor():
    global reading
    reading = sensor.value


async def check_button():
    global pressed, presses
    now = not button.value
    if now and not pressed:
        presses += 1
    pressed = now


async def update_display():
    global passes
    passes += 1
    led.value = pressed
    if passes % 10 == 0:  # the loop runs 10 times a second; print once a second
        print("sensor %d, button presses %d" % (reading, presses))


async def loop():
    while True:
        await read_some_sensor()
        await check_button()
        await update_display()
        await asynccp.delay(0.1)  # not time.sleep(): other tasks run meanwhile


asynccp.add_task(loop())
asynccp.run()

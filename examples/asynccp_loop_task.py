# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A plain loop as a task: the usual ``while True:`` with ``time.sleep()``,
written so that other tasks can run while it waits.

Wiring: a potentiometer or other analog sensor on A0, a button from D5 to
ground. The LED lights while the button is held; a status line is printed
once a second. On a computer, ``BLINKA_OS_AGNOSTIC=1 python
asynccp_loop_task.py`` runs it on Blinka's simulated board for 5 seconds:
there the sensor is a sine wave and the "button" toggles on every read.
"""

import sys

try:
    import analogio
    import board
    import digitalio
except NotImplementedError:  # no analog input: Blinka on a computer, say
    raise SystemExit("no analog input here (on a computer, set BLINKA_OS_AGNOSTIC=1)")

import asynccp


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError(
        "no pin named %s on this board: edit the names (on a computer, set "
        "BLINKA_OS_AGNOSTIC=1 to use Blinka's simulated board)" % " or ".join(names)
    )


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
        lit = "on" if pressed else "off"
        print("sensor %d, button presses %d, LED %s" % (reading, presses, lit))


async def loop():
    while True:
        await read_some_sensor()
        await check_button()
        await update_display()
        await asynccp.delay(0.1)  # not time.sleep(): other tasks run meanwhile


asynccp.add_task(loop())
if sys.implementation.name == "cpython":  # on a computer: 5 seconds, then stop
    asynccp.get_loop().run_for(5)
else:  # as code.py on a board: for ever
    asynccp.run()

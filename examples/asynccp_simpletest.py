# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp simple test: two tasks at once, an LED blinking and a counter.

Copy this file to CIRCUITPY as code.py (with lib/asynccp and
lib/adafruit_ticks.mpy). On a desktop: ``BLINKA_OS_AGNOSTIC=1 python
asynccp_simpletest.py`` runs it on Blinka's simulated board.
"""

import board
import digitalio

import asynccp


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError("no pin named %s on this board: edit the names" % " or ".join(names))


# board.LED on most boards; Dx_OUTPUT on Blinka's simulated board
led = digitalio.DigitalInOut(pin("LED", "D13", "Dx_OUTPUT"))
led.switch_to_output(value=False)


async def blink(seconds):
    while True:
        led.value = not led.value
        await asynccp.delay(seconds)  # the other task runs meanwhile


async def count():
    n = 0
    while True:
        n += 1
        print("count", n)
        await asynccp.delay(1)


asynccp.add_task(blink(0.5))
asynccp.add_task(count())
asynccp.run()

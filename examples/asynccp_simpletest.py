# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp simple test: two tasks at once, an LED blinking and a counter.

Copy this file to CIRCUITPY as code.py (with lib/asynccp and
lib/adafruit_ticks.mpy). On a computer, ``BLINKA_OS_AGNOSTIC=1 python
asynccp_simpletest.py`` runs it on Blinka's simulated board for 5 seconds;
each change of the LED is printed.
"""

import sys

import board
import digitalio

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


# board.LED on most boards; Dx_OUTPUT on Blinka's simulated board
led = digitalio.DigitalInOut(pin("LED", "D13", "Dx_OUTPUT"))
led.switch_to_output(value=False)


async def blink(seconds):
    lit = False
    while True:
        lit = not lit
        led.value = lit
        print("LED", "on" if lit else "off")
        await asynccp.delay(seconds)  # the other task runs meanwhile


async def count():
    n = 0
    while True:
        n += 1
        print("count", n)
        await asynccp.delay(1)


asynccp.add_task(blink(0.5))
asynccp.add_task(count())
if sys.implementation.name == "cpython":  # on a computer: 5 seconds, then stop
    asynccp.get_loop().run_for(5)
else:  # as code.py on a board: for ever
    asynccp.run()

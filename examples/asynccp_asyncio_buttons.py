# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An asyncio program on asynccp: buttons change a blinking rate through shared state.

As in CircuitPython's cooperative multitasking guide: one task blinks an LED
at ``interval.value`` seconds, another watches two buttons and makes the
interval longer or shorter; they share the ``Interval`` object. The only
change for asynccp is the import line. Wiring: an LED on D1, buttons from D3
("slower") and D4 ("faster") to ground. A line says each change of the
LED and of the interval. On a computer, ``BLINKA_OS_AGNOSTIC=1 python
asynccp_asyncio_buttons.py`` runs it on Blinka's simulated board for 5
seconds (as code.py on a board it runs for ever): there the "slower" button
toggles on every read and "faster" is never pressed.
"""

import sys

import board
import digitalio

import asynccp.asyncio as asyncio  # was: import asyncio


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError(
        "no pin named %s on this board: edit the names (on a computer, set "
        "BLINKA_OS_AGNOSTIC=1 to use Blinka's simulated board)" % " or ".join(names)
    )


class Interval:
    """A blinking interval, in seconds, that tasks share: read and write ``.value``."""

    def __init__(self, initial_interval):
        self.value = initial_interval


async def monitor_interval_buttons(pin_slower, pin_faster, interval):
    """Watch two buttons: one lengthens the interval, the other shortens it."""
    slower = digitalio.DigitalInOut(pin_slower)
    slower.switch_to_input(pull=digitalio.Pull.UP)  # pressed reads False
    faster = digitalio.DigitalInOut(pin_faster)
    faster.switch_to_input(pull=digitalio.Pull.UP)
    was_slower = was_faster = False
    while True:
        now_slower = not slower.value
        now_faster = not faster.value
        if now_slower and not was_slower:
            interval.value += 0.1
            print("interval is now %.1f" % interval.value)
        if now_faster and not was_faster:
            interval.value = max(0.1, interval.value - 0.1)
            print("interval is now %.1f" % interval.value)
        was_slower, was_faster = now_slower, now_faster
        await asyncio.sleep(0.05)  # look again in 50 ms; the LED blinks meanwhile


async def blink(pin, interval):
    """Blink the LED on ``pin`` for ever, at the rate ``interval`` says now."""
    with digitalio.DigitalInOut(pin) as led:
        led.switch_to_output(value=False)
        lit = False
        while True:
            lit = not lit
            led.value = lit
            print("LED", "on" if lit else "off")
            await asyncio.sleep(interval.value)


async def main():
    interval = Interval(0.5)
    led_task = asyncio.create_task(blink(pin("D1", "Dx_OUTPUT"), interval))
    buttons_task = asyncio.create_task(
        monitor_interval_buttons(
            pin("D3", "Dx_INPUT_TOGGLE"), pin("D4", "Dx_INPUT_TRUE_PULL_UP"), interval
        )
    )
    if sys.implementation.name == "cpython":  # on a computer: 5 seconds
        await asyncio.sleep(5)  # then main() returns, and asyncio.run() with it
    else:
        await asyncio.gather(led_task, buttons_task)  # for ever


asyncio.run(main())

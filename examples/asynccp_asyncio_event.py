# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An asyncio program on asynccp: a button starts an animation through an Event.

As in CircuitPython's cooperative multitasking guide: one task watches a
button and sets an ``asyncio.Event`` on each press; the animation task waits
for the event, clears it and runs the animation once (six quick flashes).
The only change for asynccp is the import line. Wiring: an LED on D1, a
button from D5 to ground. A line says when each animation begins and ends.
On a computer, ``BLINKA_OS_AGNOSTIC=1 python asynccp_asyncio_event.py`` runs
it on Blinka's simulated board for 5 seconds (as code.py on a board it runs
for ever): there the button toggles on every read, so a new press comes
during each animation and it runs again at once.
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


async def watch_button(pin, pressed_event):
    """Set ``pressed_event`` each time the button goes down."""
    button = digitalio.DigitalInOut(pin)
    button.switch_to_input(pull=digitalio.Pull.UP)  # pressed reads False
    was_down = False
    while True:
        down = not button.value
        if down and not was_down:
            pressed_event.set()
        was_down = down
        await asyncio.sleep(0.02)


async def animate(pin, pressed_event):
    """Wait for a press, then flash the LED six times; presses during the
    animation start it once more when it is over."""
    with digitalio.DigitalInOut(pin) as led:
        led.switch_to_output(value=False)
        while True:
            await pressed_event.wait()
            pressed_event.clear()
            print("animation begins")
            for _ in range(6):
                led.value = True
                await asyncio.sleep(0.05)
                led.value = False
                await asyncio.sleep(0.05)
            print("animation ends: the LED flashed 6 times")


async def main():
    pressed = asyncio.Event()
    button_task = asyncio.create_task(watch_button(pin("D5", "Dx_INPUT_TOGGLE"), pressed))
    animation_task = asyncio.create_task(animate(pin("D1", "Dx_OUTPUT"), pressed))
    if sys.implementation.name == "cpython":  # on a computer: 5 seconds
        await asyncio.sleep(5)  # then main() returns, and asyncio.run() with it
    else:
        await asyncio.gather(button_task, animation_task)  # for ever


asyncio.run(main())

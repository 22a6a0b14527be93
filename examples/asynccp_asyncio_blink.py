# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An asyncio program on asynccp: two LEDs blinking at different rates.

The first program of the asyncio way of CircuitPython's cooperative
multitasking guide, written as it teaches: ``asyncio.run(main())``,
``create_task`` and ``gather``. The only change for asynccp is the import
line. Wiring: LEDs (with resistors) on D1 and D2. On Blinka's simulated board
(``BLINKA_OS_AGNOSTIC=1``) they are the Dx_OUTPUT and CS pins.
"""

import board
import digitalio

import asynccp.asyncio as asyncio  # was: import asyncio


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError("no pin named %s on this board: edit the names" % " or ".join(names))


async def blink(pin, interval, count):
    """Blink the LED on ``pin`` ``count`` times, ``interval`` seconds on and off."""
    with digitalio.DigitalInOut(pin) as led:
        led.switch_to_output(value=False)
        for _ in range(count):
            led.value = True
            await asyncio.sleep(interval)  # the other task runs meanwhile
            led.value = False
            await asyncio.sleep(interval)


async def main():
    led1_task = asyncio.create_task(blink(pin("D1", "Dx_OUTPUT"), 0.25, 10))
    led2_task = asyncio.create_task(blink(pin("D2", "CS"), 0.1, 20))
    await asyncio.gather(led1_task, led2_task)
    print("done")


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An asyncio program on asynccp: two LEDs blinking at different rates.

The first program of the asyncio way of CircuitPython's cooperative
multitasking guide, written as it teaches: ``asyncio.run(main())``,
``create_task`` and ``gather``. The only change for asynccp is the import
line. Wiring: LEDs (with resistors) on D1 and D2. Each time an LED goes on,
a line says so. It ends after 5 seconds, when both have blinked their
count. On a computer, ``BLINKA_OS_AGNOSTIC=1 python
asynccp_asyncio_blink.py`` runs it on Blinka's simulated board, where the
LEDs are the Dx_OUTPUT and CS pins.
"""

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


async def blink(name, pin, interval, count):
    """Blink the LED on ``pin`` ``count`` times, ``interval`` seconds on and off."""
    with digitalio.DigitalInOut(pin) as led:
        led.switch_to_output(value=False)
        for n in range(1, count + 1):
            led.value = True
            print(name, "on", n)
            await asyncio.sleep(interval)  # the other task runs meanwhile
            led.value = False
            await asyncio.sleep(interval)


async def main():
    led1_task = asyncio.create_task(blink("LED 1", pin("D1", "Dx_OUTPUT"), 0.25, 10))
    led2_task = asyncio.create_task(blink("LED 2", pin("D2", "CS"), 0.1, 20))
    await asyncio.gather(led1_task, led2_task)
    print("done")


asyncio.run(main())

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Tasks without async/await, for small boards (SAMD21 and other builds
whose CircuitPython has no async syntax): generators and ``yield from``.

    await x            becomes   yield from x
    async def f():     becomes   def f():  with at least one yield in it
    async with h as r  becomes   r = yield from h, then try/finally h.release()

Copy to the board, into lib/asynccp/: __init__.mpy, core.mpy, delay.mpy,
lazy.mpy, scheduler.mpy, resource.mpy and waitq.mpy (only what this file
uses; CircuitPython needs no adafruit_ticks). Wiring: an analog sensor on
A0; the LED. On Blinka's
simulated board (on a computer: ``BLINKA_OS_AGNOSTIC=1 python
asynccp_generator_tasks.py``, which stops after 6 seconds) the sensor is a
sine wave.
"""

import sys

try:
    import analogio
    import board
    import digitalio
except NotImplementedError:  # no analog input: Blinka on a computer, say
    raise SystemExit("no analog input here (on a computer, set BLINKA_OS_AGNOSTIC=1)")

import asynccp
from asynccp.resource import ManagedResource


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError(
        "no pin named %s on this board: edit the names (on a computer, set "
        "BLINKA_OS_AGNOSTIC=1 to use Blinka's simulated board)" % " or ".join(names)
    )


led = digitalio.DigitalInOut(pin("LED", "D13", "Dx_OUTPUT"))
led.switch_to_output(value=False)
sensor = analogio.AnalogIn(pin("A0", "Ax_INPUT_WAVE_SINE"))
# The console, shared so that a report's lines stay together
console = ManagedResource(print)
report = console.handle()


def blink(seconds):
    """A task: runs until the board resets."""
    lit = False
    while True:
        lit = not lit
        led.value = lit
        say = yield from report  # the console too, between the heartbeat's lines
        try:
            say("LED", "on" if lit else "off")
        finally:
            report.release()
        yield from asynccp.delay(seconds)


def sample():
    """Scheduled once a second: each call makes one run (a generator)."""
    total = 0
    for _ in range(4):
        total += sensor.value
        yield from asynccp.delay(0.05)
    say = yield from report  # waits while another task holds the console
    try:
        say("sensor average", total // 4)
    finally:
        report.release()


def heartbeat(n):
    """Three lines that must not be split by another task's report."""
    say = yield from report
    try:
        say("heartbeat", n, "begin")
        yield from asynccp.delay(0.1)  # holding the console while it waits
        say("heartbeat", n, "end")
    finally:
        report.release()


def heartbeats():
    n = 0
    while True:
        n += 1
        yield from heartbeat(n)
        yield from asynccp.delay(2.5)


asynccp.add_task(blink(0.5))
asynccp.add_task(heartbeats())
asynccp.schedule(1, sample)
if sys.implementation.name == "cpython":  # on a computer: 6 seconds, then stop
    asynccp.get_loop().run_for(6)
else:  # as code.py on a board: for ever
    asynccp.run()

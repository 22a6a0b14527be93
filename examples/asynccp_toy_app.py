# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A toy app with four jobs at their own rates: a slow sensor, a "beach
ball" animation that keeps going while the sensor senses, a 3D printer
watched over a serial port, and a rotary encoder with a push button.

Wiring: an analog sensor on A0, the LED (the beach ball), the printer's
serial port on TX/RX (115200 baud), an encoder on D9/D10 with its button on
D11 (all to ground). On a computer, ``BLINKA_OS_AGNOSTIC=1 python
asynccp_toy_app.py`` runs it on Blinka's simulated board for 5 seconds:
there is no serial port there, so the printer job idles, and the knob stands
still.
"""

import sys

try:
    import analogio
    import board
    import busio
    import digitalio
except NotImplementedError:  # no analog input: Blinka on a computer, say
    raise SystemExit("no analog input here (on a computer, set BLINKA_OS_AGNOSTIC=1)")

import asynccp
from asynccp.time import Duration


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
ball = digitalio.DigitalInOut(pin("LED", "D13", "Dx_OUTPUT"))
ball.switch_to_output(value=False)
try:
    printer = busio.UART(pin("TX", "UART_TX"), pin("RX", "UART_RX"), baudrate=115200, timeout=0)
except (ImportError, RuntimeError, ValueError) as e:  # no serial port here
    print("no printer port:", e)
    printer = None

# Some state. Global state is not super cool, but this is a toy.
reading_sensor = False
light = 0
hotend = None
ball_turns = 0


async def read_sensor():
    """Average 10 samples over a second: slow, but the beach ball spins on."""
    global reading_sensor, light, ball_turns
    reading_sensor = True
    ball_turns = 0
    try:
        total = 0
        for _ in range(10):
            total += sensor.value
            await asynccp.delay(0.1)  # don't block the beach ball while the sensor senses
        light = total // 10
        print("light", light, "(the beach ball turned %d times meanwhile)" % ball_turns)
    finally:
        reading_sensor = False


async def animate_beach_ball():
    global ball_turns
    if reading_sensor:
        ball_turns += 1
        ball.value = ball_turns % 2  # quick; anything slow inside would `await`
    else:
        ball.value = False


async def read_from_3d_printer():
    """Ask for the temperatures (M105) and read the replies without waiting."""
    global hotend
    if printer is None:
        return
    if printer.in_waiting:
        data = printer.read(printer.in_waiting)
        for line in data.decode("ascii", "replace").split("\n"):
            i = line.find("T:")
            if i >= 0:
                hotend = line[i + 2 :].split()[0]
                print("hotend", hotend)
    printer.write(b"M105\n")


class RotaryButton:
    """A rotary encoder and its push button, read by polling (every 10 ms)."""

    _ORDER = (0, 1, 3, 2)  # quadrature (A, B) states in turning order

    def __init__(self, a, b, button):
        self._pins = []
        for p in (a, b, button):
            io = digitalio.DigitalInOut(p)
            io.switch_to_input(pull=digitalio.Pull.UP)
            self._pins.append(io)
        self._state = self._read()
        self._steps = 0
        self._pressed = False
        self.position = 0  # detents turned, clockwise positive
        self.clicks = 0

    def _read(self):
        return self._ORDER.index(self._pins[0].value * 2 + self._pins[1].value)

    async def loop(self):
        state = self._read()
        d = (state - self._state) % 4
        self._state = state
        if d == 1:
            self._steps += 1
        elif d == 3:
            self._steps -= 1
        if abs(self._steps) >= 4:  # four steps per detent
            self.position += 1 if self._steps > 0 else -1
            self._steps = 0
            print("knob", self.position)
        pressed = not self._pins[2].value
        if pressed and not self._pressed:
            self.clicks += 1
            print("click", self.clicks)
        self._pressed = pressed


rotary = RotaryButton(
    pin("D9", "Dx_INPUT_TRUE"), pin("D10", "Dx_INPUT_FALSE"), pin("D11", "Dx_INPUT_TRUE_PULL_UP")
)


# ---------- asynccp wiring begins here ---------- #
# Schedule the workflows at whatever frequency makes sense
asynccp.schedule(Duration.of_seconds(2), coroutine_function=read_sensor)
asynccp.schedule(Duration.of_milliseconds(100), coroutine_function=animate_beach_ball)
asynccp.schedule(Duration.of_milliseconds(200), coroutine_function=read_from_3d_printer)
asynccp.schedule(Duration.of_milliseconds(10), coroutine_function=rotary.loop)

# And let asynccp do while True
if sys.implementation.name == "cpython":  # on a computer: 5 seconds, then stop
    asynccp.get_loop().run_for(5)
else:  # as code.py on a board: for ever
    asynccp.run()
# ----------  asynccp wiring ends here  ---------- #

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Run an example program unchanged under the virtual clock, and see what it did.

``run_example("asynccp_simpletest.py", seconds=10)`` runs the file as
``__main__`` on Blinka's simulated board (``BLINKA_OS_AGNOSTIC=1``) on a
fresh :func:`asynccp.testing.virtual_loop`, for ``seconds`` of simulated
time: the example's own ``asynccp.get_loop().run_for(s)`` (what it does on a
computer: ``sim.stopped_after`` records ``s``), its ``asynccp.run()`` and,
for the asyncio examples, ``asynccp.asyncio.run(coro)`` (``create_task(coro)``
then the same run) all run the loop for ``seconds``. ``time.sleep(s)`` in
the example (work that takes time) moves the virtual clock on by ``s``.
The hardware classes the examples use are swapped for recording fakes, so a
test can script inputs (a function of simulated milliseconds) and read back
every output with its time:

- ``digitalio.DigitalInOut``: ``sim.writes[pin]`` lists ``(ms, value)``;
  ``sim.reads[pin]`` counts reads; ``sim.inputs[pin] = f(ms)`` scripts one.
- ``analogio.AnalogIn``: ``sim.analog[pin] = f(ms)``; reads counted too.
- ``busio.SPI``: every call in ``sim.spi`` as ``(ms, what, low_pins, locked)``.
- ``busio.UART``: ``sim.uart_factory(**kw)`` makes the port, if set; otherwise
  it raises ImportError as Blinka's simulated board does.
- ``print``: ``sim.prints`` lists ``(ms, text)``.
- ``sim.stopped_after``: the seconds the example asked to run for on a
  computer (``run_for``), or None if it did not ask.

Pins are named as ``board`` names them on the simulated board
(``"Dx_OUTPUT"``, ``"CS"``, ...).
"""

import os

os.environ.setdefault("BLINKA_OS_AGNOSTIC", "1")

import runpy
import time
from pathlib import Path
from unittest import mock

import analogio
import board
import busio
import digitalio

import asynccp
import asynccp.asyncio
from asynccp import core
from asynccp.testing import virtual_loop

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _pin_names():
    names = {}
    for n in sorted(dir(board)):
        p = getattr(board, n)
        if type(p).__name__ == "Pin" and id(p) not in names:
            names[id(p)] = n
    return names


PIN_NAMES = _pin_names()


def pin_name(p):
    return PIN_NAMES.get(id(p), repr(p))


class Sim:
    def __init__(self, loop):
        self.loop = loop
        self.prints = []
        self.writes = {}
        self.reads = {}
        self.inputs = {}
        self.analog = {}
        self.spi = []
        self.uart_factory = None
        self.dio = []  # every DigitalInOut made
        self.stopped_after = None

    def now(self):
        return self.loop.clock.elapsed_ms

    def print(self, *args, sep=" ", end="\n", file=None):
        self.prints.append((self.now(), sep.join(str(a) for a in args)))

    def texts(self):
        return [t for _, t in self.prints]

    def low_outputs(self):
        return sorted(d.name for d in self.dio if d.output and d._value is False)


def _fakes(sim):
    class DigitalInOut:
        def __init__(self, p):
            self.name = pin_name(p)
            self.output = False
            self._value = None
            self.pull = None
            sim.dio.append(self)

        def switch_to_output(self, value=False, drive_mode=None):
            self.output = True
            self.value = value

        def switch_to_input(self, pull=None):
            self.output = False
            self.pull = pull

        @property
        def direction(self):
            return digitalio.Direction.OUTPUT if self.output else digitalio.Direction.INPUT

        @direction.setter
        def direction(self, d):
            self.output = d == digitalio.Direction.OUTPUT

        @property
        def value(self):
            if self.output:
                return self._value
            sim.reads[self.name] = sim.reads.get(self.name, 0) + 1
            f = sim.inputs.get(self.name)
            if f is not None:
                return bool(f(sim.now()))
            return "FALSE" not in self.name  # the simulated board's fixed levels

        @value.setter
        def value(self, v):
            self._value = bool(v)
            sim.writes.setdefault(self.name, []).append((sim.now(), bool(v)))

        def deinit(self):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *args):
            self.deinit()

    class AnalogIn:
        def __init__(self, p):
            self.name = pin_name(p)

        @property
        def value(self):
            sim.reads[self.name] = sim.reads.get(self.name, 0) + 1
            f = sim.analog.get(self.name)
            return int(f(sim.now())) if f is not None else 32768

    class SPI:
        def __init__(self, clock, MOSI=None, MISO=None):
            self.locked = False
            self._log("init")

        def _log(self, what):
            sim.spi.append((sim.now(), what, sim.low_outputs(), self.locked))

        def try_lock(self):
            if self.locked:
                self._log("try_lock busy")
                return False
            self.locked = True
            self._log("try_lock")
            return True

        def unlock(self):
            self.locked = False
            self._log("unlock")

        def configure(self, **kwargs):
            self._log("configure")

        def write(self, buf, start=0, end=None):
            self._log(f"write {len(buf[start:end])}")

        def readinto(self, buf, start=0, end=None, write_value=0):
            self._log(f"readinto {len(buf[start:end])}")

    def UART(tx, rx, **kwargs):
        if sim.uart_factory is None:
            raise ImportError("No module named 'machine'")  # what Blinka's board says
        return sim.uart_factory(**kwargs)

    return DigitalInOut, AnalogIn, SPI, UART


def run_example(name, seconds, setup=None):
    """Run examples/<name> (or the program at the path ``name``) for
    ``seconds`` of simulated time; returns its Sim.

    ``setup(sim)`` runs first, to script inputs.
    """
    saved = core._default
    loop = virtual_loop()
    sim = Sim(loop)
    if setup is not None:
        setup(sim)
    dio, ain, spi, uart = _fakes(sim)

    def run():
        core.Loop.run(loop, seconds)

    def run_for(s):  # what the examples call on a computer
        sim.stopped_after = s
        run()

    loop.run_for = run_for

    def asyncio_run(coro):
        main = asynccp.asyncio.create_task(coro)
        run()
        sim.main_task = main

    def sleep(s):  # work that takes time (the loop cannot run meanwhile)
        loop.clock.advance(round(s * 1000))

    try:
        with mock.patch.object(digitalio, "DigitalInOut", dio), mock.patch.object(
            analogio, "AnalogIn", ain
        ), mock.patch.object(busio, "SPI", spi), mock.patch.object(
            busio, "UART", uart
        ), mock.patch.object(asynccp, "run", run), mock.patch.object(
            asynccp.asyncio, "run", asyncio_run
        ), mock.patch.object(time, "sleep", sleep):
            sim.globals = runpy.run_path(
                str(EXAMPLES / name), init_globals={"print": sim.print}, run_name="__main__"
            )
    finally:
        core._default = saved
    return sim

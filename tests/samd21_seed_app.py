# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# A seed-sized app in generator form, for the 32-bit MicroPython VM.
#
# Not a test module: tests/test_samd21_budget.py runs it with
# tests/wasm_runner.py, one ``runPython`` call per chunk (the ``#---`` lines),
# with a SAMD21's pystack (CircuitPython 9: 1536 bytes). It is what a program
# on a small board does, with no hardware modules (the VM has no ``board``):
#
# * the seed's scheduled app (examples/asynccp_scheduled_app.py): a sensor read
#   every 5 s (``Duration.of_seconds(5)`` from ``asynccp.time``), a button
#   checked at 80 Hz, a display updated at 15 Hz;
# * two devices sharing one SPI-like bus through ``ManagedResource``, each on
#   its own schedule (examples/asynccp_shared_spi.py: 123 ms and 1.5 s);
# * a task cancelled in the middle of a delay.
#
# SAMD21 firmware has no async/await, so tasks are generators: ``yield from
# asynccp.delay(...)``, ``bus = yield from handle`` and ``handle.release()`` in
# ``finally``. It runs for 3 s in six chunks of ``loop.run_for(0.5)``; before
# the app and after setting it up and after each chunk, one chunk calls
# ``gc.collect()`` (the VM collects when that call returns) and the next reads
# ``gc.mem_alloc()`` into ``mem``. The last chunk prints the figures and counts.
#
# The description is a comment, not a docstring: a string in code the VM
# compiles from source stays in its heap (about 1 KB for this one).
# ruff: noqa: E402  (imports come after the reading taken before the app)
# Not formatted: ruff format would turn the chunk lines into "# ---".

# fmt: off
import gc

mem = [0] * 8  # gc.mem_alloc(): before the app, after setup, after each run chunk
#---
gc.collect()
#---
mem[0] = gc.mem_alloc()
#---
import asynccp
from asynccp.managed_resource import ManagedResource
from asynccp.time import Duration


class App:
    # examples/asynccp_scheduled_app.py with a simulated sensor and button
    def __init__(self):
        self.sensor_state = 0
        self.button = True  # the simulated pin: pressed reads False
        self.button_state = False
        self.presses = 0
        self.checks = 0
        self._same = 0
        self._shown = None

    def read_some_sensor(self):
        self.sensor_state += 7

    def check_button(self):
        self.checks += 1
        if self.checks % 20 == 0:
            self.button = not self.button  # pressed or let go 4 times a second
        if (not self.button) == self.button_state:
            self._same = 0
            return
        self._same += 1
        if self._same >= 3:  # 3 samples at 80 Hz: stable for 25 ms
            self._same = 0
            self.button_state = not self.button_state
            if self.button_state:
                self.presses += 1

    def update_display(self):
        shown = (self.sensor_state, self.presses)
        if shown != self._shown:
            self._shown = shown


class Bus:
    # what the tasks use of busio.SPI
    def __init__(self):
        self.locked = False
        self.written = 0

    def try_lock(self):
        if self.locked:
            return False
        self.locked = True
        return True

    def unlock(self):
        self.locked = False

    def write(self, buf, start=0, end=None):
        self.written += (len(buf) if end is None else end) - start

    def readinto(self, buf):
        for i in range(len(buf)):
            buf[i] = i


class Pin:
    # a chip select (digitalio.DigitalInOut)
    def __init__(self):
        self.value = True


spi = Bus()


def set_active(cs):
    while not spi.try_lock():
        pass
    cs.value = False


def set_inactive(cs):
    cs.value = True
    spi.unlock()


managed_spi = ManagedResource(spi, on_acquire=set_active, on_release=set_inactive)
sensor_handle = managed_spi.handle(Pin())
sdcard_handle = managed_spi.handle(Pin())
latest = bytearray(4)
readings = [0]
logged = [0]


def read_sensor(handle):
    bus = yield from handle
    try:
        bus.write(b"\x74\x25")  # start a conversion
    finally:
        handle.release()
    yield from asynccp.delay(0.1)  # let the other device use the bus meanwhile
    bus = yield from handle
    try:
        bus.write(b"\xa2")
        bus.readinto(latest)
    finally:
        handle.release()
    readings[0] += 1


def log_to_sdcard(handle):
    block = bytearray(512)
    block[0:4] = latest
    bus = yield from handle
    try:
        for start in range(0, 512, 128):
            bus.write(block, start, start + 128)
            yield from asynccp.delay(0.005)  # the card is busy
    finally:
        handle.release()
    logged[0] += 1


cancelled = []


def victim():
    try:
        yield from asynccp.delay(10)
    except asynccp.CancelledError:
        cancelled.append(True)
        raise


def canceller(task):
    yield from asynccp.delay(0.5)
    task.cancel()


app = App()
jobs = [  # kept to read their run counts (ScheduledTask.runs) at the end
    asynccp.schedule(frequency=Duration.of_seconds(5), coroutine_function=app.read_some_sensor),
    asynccp.schedule(frequency=80, coroutine_function=app.check_button),
    asynccp.schedule(frequency=15, coroutine_function=app.update_display),
    asynccp.schedule(Duration.of_milliseconds(123), read_sensor, sensor_handle),
    asynccp.schedule(Duration.of_seconds(1.5), log_to_sdcard, sdcard_handle),
]
victim_task = asynccp.add_task(victim())
asynccp.add_task(canceller(victim_task))
loop = asynccp.get_loop()
#---
gc.collect()
#---
mem[1] = gc.mem_alloc()
#---
loop.run_for(0.5)
#---
gc.collect()
#---
mem[2] = gc.mem_alloc()
#---
loop.run_for(0.5)
#---
gc.collect()
#---
mem[3] = gc.mem_alloc()
#---
loop.run_for(0.5)
#---
gc.collect()
#---
mem[4] = gc.mem_alloc()
#---
loop.run_for(0.5)
#---
gc.collect()
#---
mem[5] = gc.mem_alloc()
#---
loop.run_for(0.5)
#---
gc.collect()
#---
mem[6] = gc.mem_alloc()
#---
loop.run_for(0.5)
#---
gc.collect()
#---
mem[7] = gc.mem_alloc()
#---
import sys

print("mem", *mem)
print("cp", asynccp.core._TUPLE_ITER, "adafruit_ticks" in sys.modules)
print("runs", *[job.runs for job in jobs])
print("app", app.sensor_state, app.checks, app.presses)
print("spi", readings[0], logged[0], spi.written, spi.locked, len(cancelled), victim_task.done())

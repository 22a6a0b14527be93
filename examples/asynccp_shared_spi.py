# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Two tasks share one SPI bus through ManagedResource, with no other
coordination: a sensor read every 123 ms and an SD-card style logger every
1.5 s.

The resource hands the bus to one task at a time, in the order they asked,
and drives that device's chip select (active low) and the bus lock around
each ``async with`` block. While the sensor converts (100 ms) it does not
hold the bus, so the logger can use it.

Wiring: SPI on the board's SCK/MOSI/MISO, the sensor's chip select on D5
and the card's on D6. On a computer, ``BLINKA_OS_AGNOSTIC=1 python
asynccp_shared_spi.py`` runs it on Blinka's simulated board for 5 seconds:
there the bus writes go nowhere and reads give zeros.
"""

import sys

import board
import busio
import digitalio

import asynccp
from asynccp.managed_resource import ManagedResource
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


def setup_spi():
    # Configure the hardware: name the pins (board.SPI() is not on every board)
    spi = busio.SPI(pin("SCK"), pin("MOSI"), pin("MISO"))

    sensor_cs = digitalio.DigitalInOut(pin("D5", "Dx_OUTPUT"))
    sensor_cs.switch_to_output(value=True)  # chip selects are active low: high is idle
    sdcard_cs = digitalio.DigitalInOut(pin("D6", "CS"))
    sdcard_cs.switch_to_output(value=True)

    # What taking and giving back the bus means: lock it, select the device.
    def set_active(cs):
        while not spi.try_lock():
            pass
        spi.configure(baudrate=1000000, phase=0, polarity=0)
        cs.value = False

    def set_inactive(cs):
        cs.value = True
        spi.unlock()

    managed_spi = ManagedResource(spi, on_acquire=set_active, on_release=set_inactive)

    # One awaitable handle per device on this bus
    return managed_spi.handle(sensor_cs), managed_spi.handle(sdcard_cs)


latest = bytearray(4)  # the sensor's last result
readings = 0


async def read_sensor(sensor_handle):
    global readings
    async with sensor_handle as bus:
        bus.write(bytes((0x74, 0x25)))  # start a conversion
    # The sensor needs 100 ms: let something else use the bus meanwhile.
    await asynccp.delay(0.1)
    async with sensor_handle as bus:
        bus.write(bytes((0xA2,)))  # read the result
        bus.readinto(latest)
    readings += 1


async def log_to_sdcard(sdcard_handle):
    block = bytearray(512)
    block[0:4] = latest
    async with sdcard_handle as bus:
        for start in range(0, 512, 128):  # write in parts, letting other tasks run
            bus.write(block, start=start, end=start + 128)
            await asynccp.delay(0.005)  # the card is busy
    print("logged after %d sensor readings" % readings)


sensor_handle, sdcard_handle = setup_spi()
asynccp.schedule(Duration.of_milliseconds(123), read_sensor, sensor_handle)
sd_log_scheduled_task = asynccp.schedule(Duration.of_seconds(1.5), log_to_sdcard, sdcard_handle)
if sys.implementation.name == "cpython":  # on a computer: 5 seconds, then stop
    asynccp.get_loop().run_for(5)
else:  # as code.py on a board: for ever
    asynccp.run()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A sensor reading published over MQTT every second while a button is read
at 80 Hz.

asynccp schedules both jobs on a fixed grid: the button check 80 times a
second (a press turns the LED on D1 on or off), the sensor once a second.
Each reading goes to an MQTT broker through aiomqttc (PyPI; a client written
for asyncio, unmodified: ``asyncio`` is asynccp.asyncio for it), whose
socket waits in asynccp's loop, so publishing never makes the button check
late. Wiring: a potentiometer or other analog sensor on A0, a button from D5
to ground, an LED on D1.

The broker: ``MQTT_BROKER`` and ``MQTT_PORT`` (settings.toml on a board, the
environment on a computer; 127.0.0.1 and 1883 if not set). With no broker
there, the readings are printed instead. On a CircuitPython Wi-Fi board, as
code.py, with aiomqttc in lib/ (and the Wi-Fi settings in settings.toml); it
runs for ever. On a computer, ``BLINKA_OS_AGNOSTIC=1 python
asynccp_mqtt_sensor.py`` runs it on Blinka's simulated board (the sensor is
a sine wave, the button toggles on every read) for 4 seconds.
"""

import os
import sys

try:
    import analogio
    import board
    import digitalio
except NotImplementedError:  # no analog input: Blinka on a computer, say
    raise SystemExit("no analog input here (on a computer, set BLINKA_OS_AGNOSTIC=1)")

import asynccp
import asynccp.asyncio

sys.modules["asyncio"] = asynccp.asyncio  # aiomqttc imports asyncio: asynccp's
from aiomqttc import MQTTClient  # noqa: E402

BROKER = os.getenv("MQTT_BROKER") or "127.0.0.1"
PORT = int(os.getenv("MQTT_PORT") or 1883)
TOPIC = "asynccp/sensor"


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError(
        "no pin named %s on this board: edit the names (on a computer, set "
        "BLINKA_OS_AGNOSTIC=1 to use Blinka's simulated board)" % " or ".join(names)
    )


class App:
    def __init__(self):
        self.sensor = analogio.AnalogIn(pin("A0", "Ax_INPUT_WAVE_SINE"))
        self.button = digitalio.DigitalInOut(pin("D5", "Dx_INPUT_TOGGLE"))
        self.button.switch_to_input(pull=digitalio.Pull.UP)  # pressed reads False
        self.led = digitalio.DigitalInOut(pin("D1", "Dx_OUTPUT"))
        self.led.switch_to_output(value=False)
        self.lit = False
        self.was_down = False
        self.checks = 0
        self.mqtt = None  # the client, once connected

    def check_button(self):
        """80 times a second: a press toggles the LED."""
        self.checks += 1
        down = not self.button.value
        if down and not self.was_down:
            self.lit = not self.lit
            self.led.value = self.lit
        self.was_down = down

    async def connect(self):
        """Connect to the broker (at most 5 s); without one, print instead."""
        client = MQTTClient(client_id="asynccp-sensor", server=BROKER, port=PORT)
        try:
            if await asynccp.asyncio.wait_for(client.connect(), 5):
                self.mqtt = client
                print("connected to the MQTT broker at %s:%d" % (BROKER, PORT))
                return
        except (OSError, ValueError, asynccp.asyncio.TimeoutError):
            pass
        print("no MQTT broker at %s:%d: printing the readings" % (BROKER, PORT))

    async def publish(self):
        """Once a second: the sensor reading, to the broker."""
        reading = self.sensor.value
        if self.mqtt is not None:
            await self.mqtt.publish(TOPIC, b"%d" % reading, qos=0)
            print("published sensor %d (button checked %d times)" % (reading, self.checks))
        else:
            print("sensor %d (button checked %d times)" % (reading, self.checks))


def run():
    app = App()
    asynccp.add_task(app.connect())
    asynccp.schedule(80, app.check_button)
    asynccp.schedule_later(1, app.publish)  # every second, the first after one second
    if sys.implementation.name == "cpython":  # on a computer: 4 seconds, then stop
        asynccp.get_loop().run_for(4.2)
    else:  # as code.py on a board: for ever
        asynccp.run()


if __name__ == "__main__":
    run()

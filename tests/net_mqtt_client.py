# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""aiomqttc 1.0.7, unmodified, on asynccp.asyncio (``sys.modules["asyncio"]``
before it is imported), for tests/test_net_mqtt.py: connects to the broker
at the port given, subscribes, publishes three messages to that topic and
receives them, while an 80 Hz asynccp schedule runs. Prints "got <payload>"
for each message received, then "ticks <n>"."""

import sys

import asynccp
import asynccp.asyncio as asyncio

sys.modules["asyncio"] = asyncio
from aiomqttc import MQTTClient  # noqa: E402

PORT = int(sys.argv[1])
got = []
ticks = [0]


def tick():
    ticks[0] += 1


async def on_message(client, topic, payload, retain):
    got.append(bytes(payload))


async def main():
    st = asynccp.schedule(80, tick)
    c = MQTTClient(client_id="asynccp-test", server="127.0.0.1", port=PORT, keepalive=30)
    c.on_message = on_message
    await c.connect()
    await c.subscribe("asynccp/test", qos=0)
    for i in range(3):
        await c.publish("asynccp/test", b"reading %d" % i, qos=0)
    for _ in range(200):  # until all three came back (at most 2 s)
        if len(got) == 3:
            break
        await asyncio.sleep(0.01)
    await c.disconnect()
    st.stop()
    for g in got:
        print("got", g.decode())
    print("ticks", ticks[0])


asyncio.run(main())

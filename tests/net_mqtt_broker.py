# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An MQTT broker for tests/test_net_mqtt.py: amqtt (PyPI, pinned in
requirements-dev.txt) on CPython's own asyncio, listening on 127.0.0.1 at
the port given, anonymous clients allowed. Prints "ready" once it listens;
ends when its standard input closes."""

import asyncio
import sys

from amqtt.broker import Broker

PORT = int(sys.argv[1])
CONFIG = {
    "listeners": {"default": {"type": "tcp", "bind": "127.0.0.1:%d" % PORT}},  # noqa: UP031
    "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
}


async def main():
    broker = Broker(CONFIG)
    await broker.start()
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the test closes stdin
    await broker.shutdown()


asyncio.run(main())

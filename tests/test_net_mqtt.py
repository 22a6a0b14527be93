# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""aiomqttc 1.0.7 (PyPI), unmodified, on asynccp.asyncio on CPython, as an
asyncio library works on it unchanged: it connects to a real broker (amqtt,
pinned in requirements-dev.txt, started here on a free loopback port and
stopped after), subscribes, publishes three messages and receives them, while
an 80 Hz asynccp schedule runs (tests/net_mqtt_client.py)."""

import os
import subprocess
import sys
from pathlib import Path

from ports import free_port

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def test_aiomqttc_publishes_and_receives_through_a_broker():
    port = free_port()
    broker = subprocess.Popen(
        [sys.executable, str(HERE / "net_mqtt_broker.py"), str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert broker.stdout.readline().strip() == "ready"
        out = subprocess.run(
            [sys.executable, str(HERE / "net_mqtt_client.py"), str(port)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert out.returncode == 0, (out.returncode, out.stdout, out.stderr[-1500:])
        # (aiomqttc logs on stdout too)
        lines = [x for x in out.stdout.split("\n") if x.startswith(("got ", "ticks "))]
        assert lines[:3] == ["got reading 0", "got reading 1", "got reading 2"], out.stdout
        assert int(lines[3].split()[1]) >= 1  # the schedule ran meanwhile
        # the example: a reading published every second, the button at 80 Hz
        env = dict(os.environ, BLINKA_OS_AGNOSTIC="1", MQTT_PORT=str(port))
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
        ex = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "asynccp_mqtt_sensor.py")],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert ex.returncode == 0, ex.stderr[-3000:]
        assert "connected to the MQTT broker" in ex.stdout, ex.stdout
        assert ex.stdout.count("published sensor ") >= 3, ex.stdout
    finally:
        broker.stdin.close()  # the broker shuts down
        try:
            broker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            broker.kill()
            broker.wait()

# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A free loopback port for a peer a test (or bench/net.py) starts."""

import socket


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now (the OS picks it)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port

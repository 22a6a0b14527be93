# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""A stand-in for CircuitPython's ``wifi``: ``wifi.radio``, connected."""


class _Radio:
    connected = True
    ipv4_address = "127.0.0.1"


radio = _Radio()

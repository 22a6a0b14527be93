# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""CircuitPython's ``supervisor.ticks_ms`` for the 32-bit MicroPython VM (wasm).

On CircuitPython ``asynccp.core`` takes its clock from ``supervisor`` (built
into the firmware) and imports no ``adafruit_ticks``; with this module on the
path it does the same on the VM, so the VM runs and measures asynccp's
CircuitPython code paths. tests/wasm_runner.py imports it before any
measurement starts: its cost is the firmware's, not asynccp's.
"""

from time import ticks_ms as _t


def ticks_ms():
    # milliseconds modulo 2**29, as CircuitPython's
    return _t() & 0x1FFFFFFF

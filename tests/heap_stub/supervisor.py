# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# CircuitPython's supervisor.ticks_ms for whole-program heap runs
# (tests/heap_runner.py): the virtual clock of time.py beside this file, so
# asynccp takes its CircuitPython code paths (and imports no adafruit_ticks).
from time import ticks_ms  # noqa: F401

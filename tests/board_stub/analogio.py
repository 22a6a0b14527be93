# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# analogio.AnalogIn: reads that step through a ramp (tests/test_copy_lists.py).


class AnalogIn:
    def __init__(self, pin):
        self.pin = pin
        self.n = 0

    @property
    def value(self):
        self.n += 1
        return self.n * 1000 & 0xFFFF

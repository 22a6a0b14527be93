# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# A board's pins, for running examples as code.py on MicroPython's unix port
# (tests/test_copy_lists.py).
LED = "LED"
A0 = "A0"
D13 = "D13"

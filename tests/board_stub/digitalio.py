# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# digitalio.DigitalInOut as the examples use it (tests/test_copy_lists.py).


class DigitalInOut:
    def __init__(self, pin):
        self.pin = pin
        self.value = False

    def switch_to_output(self, value=False):
        self.value = value

    def switch_to_input(self, pull=None):
        pass

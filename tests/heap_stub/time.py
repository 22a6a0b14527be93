# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# A virtual clock for whole programs run in a small heap (tests/heap_runner.py):
# MicroPython lets a time.py on the path stand in for its time module, and the
# supervisor.py beside this one reads the same clock. Sleeping moves the
# clock at once, so a program runs its seconds in milliseconds, and the same
# way each time: every run makes the same allocations in the same order, so
# whether it fits a heap does not depend on how busy the machine is. The
# counter starts where CircuitPython's does, 65 s before it wraps at 2**29.
_t = 0x1FFF0000


def ticks_ms():
    return _t


def sleep_ms(ms):
    global _t
    if ms > 0:
        _t = (_t + ms) & 0x1FFFFFFF


def sleep(seconds):
    sleep_ms(int(seconds * 1000))

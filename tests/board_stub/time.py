# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# A virtual clock, as tests/heap_stub/time.py, that ends the program (exit
# status 0) once RUN_MS milliseconds have passed: an example's asynccp.run()
# runs for ever on a board (tests/test_copy_lists.py).
RUN_MS = 6000
_t = 0x1FFF0000  # (the run crosses the tick counter's wrap)
_end = (_t + RUN_MS) & 0x1FFFFFFF


def ticks_ms():
    return _t


def sleep_ms(ms):
    global _t
    if ms > 0:
        if ((_end - _t) & 0x1FFFFFFF) <= ms:
            raise SystemExit
        _t = (_t + ms) & 0x1FFFFFFF


def sleep(seconds):
    sleep_ms(int(seconds * 1000))

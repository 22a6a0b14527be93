# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""CircuitPython's ``supervisor.ticks_ms`` for the ``micropython`` VM (tests only).

With this folder on the VM's path asynccp takes its CircuitPython code paths
(``core._TUPLE_ITER``: the tuple iterators of delays and sleeps, the supervisor's
clock), which a unix VM cannot otherwise reach. The counter is milliseconds
mod 2**29, as on a board, and starts 200 ms before it wraps, so a program
runs across the wrap (a board's starts 65 s before it).
"""

import time

_T0 = time.ticks_ms()


def ticks_ms():
    return (time.ticks_diff(time.ticks_ms(), _T0) + 0x1FFFFF38) & 0x1FFFFFFF
